package io.ultraline.alerting;

/**
 * What became of one alert at the webhook.
 *
 * @param delivered  whether the receiver answered 2xx
 * @param attempts   requests made, 1 or more
 * @param lastStatus HTTP status of the last response, or 0 when the last attempt got none
 * @param reason     why delivery failed ({@code null} when delivered): {@code HTTP_<status>} for a
 *                   refusing status, {@code IO_ERROR: <message>} for a connection failure or timeout
 * @param permanent  whether it failed on a status that is not retried (so before {@code maxAttempts})
 */
public record DeliveryResult(boolean delivered, int attempts, int lastStatus, String reason, boolean permanent) {

    static DeliveryResult delivered(int attempts, int status) {
        return new DeliveryResult(true, attempts, status, null, false);
    }
}
