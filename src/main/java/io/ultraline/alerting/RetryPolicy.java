package io.ultraline.alerting;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently the forwarder tries one alert: at most {@code maxAttempts} requests;
 * before attempt {@code n >= 2} it waits {@code initialBackoff * 2^(n-2)}, capped at
 * {@code maxBackoff}. Deterministic (no jitter): alerts are rare, so a herd of retries is not the
 * concern, and tests can state the exact waits.
 *
 * @param maxAttempts    requests per alert before it is dead-lettered, at least 1
 * @param initialBackoff wait before the second attempt, not negative
 * @param maxBackoff     longest wait between two attempts, at least {@code initialBackoff}
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
    }

    /** The wait before attempt {@code attempt} (1-based); zero before the first. */
    public Duration backoffBefore(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, got " + attempt);
        }
        if (attempt == 1) {
            return Duration.ZERO;
        }
        Duration wait = initialBackoff;
        for (int i = 2; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
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
