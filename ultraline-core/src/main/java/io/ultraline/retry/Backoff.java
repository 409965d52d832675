package io.ultraline.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff without jitter: after {@code n >= 1} failures in a row, wait
 * {@code initial * 2^(n-1)}, never more than {@code max}. No jitter because the callers retry rare
 * events (a registry outage, one alert), not a herd, and tests can then state the exact waits.
 * Callers count failures their own way (rounds over registry URLs, attempts per alert) and ask
 * {@link #afterFailures} for the wait.
 *
 * @param initial wait after the first failure, not negative
 * @param max     longest wait, not negative; a max below {@code initial} caps every wait at max
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial backoff");
        Objects.requireNonNull(max, "max backoff");
        if (initial.isNegative()) {
            throw new IllegalArgumentException("initial backoff must not be negative, got " + initial);
        }
        if (max.isNegative()) {
            throw new IllegalArgumentException("max backoff must not be negative, got " + max);
        }
    }

    /** The wait after {@code failures} failures in a row; zero when nothing failed yet. */
    public Duration afterFailures(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        long initialMillis = initial.toMillis();
        int shift = Math.min(failures - 1, 62);
        // doubling past max, or past what a long holds, both end at max
        long millis = initialMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialMillis << shift;
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
