package io.ultraline.alerting;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one alert event to the webhook under a {@link WebhookRetryPolicy}: retries connection errors,
 * timeouts, 5xx, 408 and 429 with exponential backoff; gives up at once on any other status.
 */
public final class AlertDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);

    private final WebhookSender sender;
    private final WebhookRetryPolicy policy;
    private final Sleeper sleeper;

    public AlertDelivery(WebhookSender sender, WebhookRetryPolicy policy, Sleeper sleeper) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Posts {@code json} until the receiver accepts it, refuses it for good, or the attempts run out.
     *
     * @throws InterruptedException when a wait or a request is cut short because the caller stops;
     *                              the alert then counts as neither delivered nor dead-lettered
     */
    public DeliveryResult deliver(String idempotencyKey, String json) throws InterruptedException {
        int status = 0;
        String reason = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            Duration wait = policy.backoffBefore(attempt);
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            try {
                status = sender.post(idempotencyKey, json);
                if (WebhookRetryPolicy.accepted(status)) {
                    return DeliveryResult.delivered(attempt, status);
                }
                reason = "HTTP_" + status;
                if (!WebhookRetryPolicy.retryable(status)) {
                    LOG.warn("Webhook refused alert {} with HTTP {}; not retried", idempotencyKey, status);
                    return new DeliveryResult(false, attempt, status, reason, true);
                }
            } catch (IOException e) {
                status = 0;
                reason = "IO_ERROR: " + e;
            }
            LOG.info("Attempt {}/{} of alert {} failed: {}", attempt, policy.maxAttempts(), idempotencyKey, reason);
        }
        return new DeliveryResult(false, policy.maxAttempts(), status, reason, false);
    }
}
