package io.ultraline.alerting;

import io.ultraline.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the forwarder tries one alert: at most {@code maxAttempts} requests;
 * before attempt {@code n >= 2} it waits {@link Backoff#afterFailures backoff(n - 1)}. Counts
 * attempts, where the registry client counts rounds ({@link io.ultraline.serde.RegistryRetryPolicy}).
 *
 * @param maxAttempts requests per alert before it is dead-lettered, at least 1
 * @param backoff     the wait between two attempts; its max is at least its initial wait
 */
public record WebhookRetryPolicy(int maxAttempts, Backoff backoff) {

    public WebhookRetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        // a cap below the first wait is allowed by Backoff, but for a configured webhook it is a typo
        if (backoff.max().compareTo(backoff.initial()) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff " + backoff.max() + " is shorter than initialBackoff " + backoff.initial());
        }
    }

    /** {@code maxAttempts} requests with a backoff from {@code initialBackoff} up to {@code maxBackoff}. */
    public WebhookRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this(maxAttempts, backoffOf(initialBackoff, maxBackoff));
    }

    private static Backoff backoffOf(Duration initialBackoff, Duration maxBackoff) {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
        return new Backoff(initialBackoff, maxBackoff);
    }

    /** The wait before attempt {@code attempt} (1-based); zero before the first. */
    public Duration backoffBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        return backoff.afterFailures(attempt - 1);
    }

    /** The sum of all waits when every attempt fails: the backoff part of the worst case per alert. */
    public Duration totalBackoff() {
        Duration total = Duration.ZERO;
        for (int attempt = 2; attempt <= maxAttempts; attempt++) {
            total = total.plus(backoffBefore(attempt));
        }
        return total;
    }

    /**
     * Whether a response status is worth another attempt: 5xx, 408 (request timeout) and 429 (too
     * many requests). Other 4xx mean the request itself is wrong and will stay wrong; 3xx are not
     * followed, as a webhook that moved should be reconfigured, not chased.
     */
    public static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    /** Whether a status means the receiver accepted the alert. */
    public static boolean accepted(int status) {
        return status >= 200 && status < 300;
    }
}
