package io.ultraline.serde;

import io.ultraline.retry.Backoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently registry requests are repeated. A round tries every configured URL
 * once; after {@code n} failed rounds the client waits {@link Backoff#afterFailures backoff(n)} and
 * starts the next, up to {@code retries} extra rounds. Counts rounds (Confluent's
 * {@code schema.registry.retries} meaning), where the alert forwarder counts attempts.
 *
 * @param retries extra rounds after the first; 0 means a single round
 * @param backoff the wait between rounds
 */
public record RegistryRetryPolicy(int retries, Backoff backoff) {

    public RegistryRetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        Objects.requireNonNull(backoff, "backoff");
    }

    /** {@code retries} extra rounds with a backoff from {@code initialBackoff} up to {@code maxBackoff}. */
    public RegistryRetryPolicy(int retries, Duration initialBackoff, Duration maxBackoff) {
        this(retries, new Backoff(initialBackoff, maxBackoff));
    }

    /** The wait before the next round after {@code failedRounds} failed ones; zero before the first. */
    public Duration backoffBefore(int failedRounds) {
        return backoff.afterFailures(failedRounds);
    }
}
