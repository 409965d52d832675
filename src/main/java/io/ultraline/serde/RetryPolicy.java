package io.ultraline.serde;

import java.time.Duration;

/**
 * How often and how patiently registry requests are repeated. A round tries every configured URL
 * once; after a failed round the client waits {@code initialBackoff * 2^(round-1)}, capped at
 * {@code maxBackoff}, and starts the next, up to {@code retries} extra rounds.
 *
 * @param retries        extra rounds after the first; 0 means a single round
 * @param initialBackoff wait after the first failed round
 * @param maxBackoff     longest wait between rounds
 */
public record RetryPolicy(int retries, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The wait before the next round after {@code failedRounds} failed ones; zero before the first. */
    public Duration backoffBefore(int failedRounds) {
        if (failedRounds <= 0) {
            return Duration.ZERO;
        }
        long initial = initialBackoff.toMillis();
        int shift = Math.min(failedRounds - 1, 30);
        long millis = initial > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initial << shift;
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
