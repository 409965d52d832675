package io.ultraline.alerting;

import java.io.IOException;

/** Sends one request to the webhook; {@link HttpWebhookSender} is the real one, tests pass fakes. */
@FunctionalInterface
public interface WebhookSender {

    /**
     * POSTs {@code json} with header {@code Idempotency-Key: idempotencyKey}.
     *
     * @return the HTTP status of the response
     * @throws IOException          on a connection failure or a timeout (both worth a retry)
     * @throws InterruptedException when the calling thread is interrupted
     */
    int post(String idempotencyKey, String json) throws IOException, InterruptedException;
}
