package io.ultraline.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * When the batch buffer hands its frames to the model: as soon as it holds {@link #size} frames, or
 * once its oldest frame has waited {@link #maxWait} (wall clock), whichever comes first.
 *
 * @param size           frames per model call, {@value #KEY_SIZE}; 1 to {@value #MAX_SIZE}
 * @param maxWait        longest wait of a frame in the buffer, {@value #KEY_MAX_WAIT}; 1 ms to 1 hour
 * @param checkInterval  how often the wall-clock punctuator looks at the oldest frame,
 *                       {@value #KEY_CHECK_INTERVAL}; at most {@code maxWait}. A frame waits at most
 *                       {@code maxWait + checkInterval}.
 */
public record BatchConfig(int size, Duration maxWait, Duration checkInterval) {

    public static final String KEY_SIZE = "inference.batch.size";
    public static final String KEY_MAX_WAIT = "inference.batch.max-wait";
    public static final String KEY_CHECK_INTERVAL = "inference.batch.check-interval";
    public static final int MAX_SIZE = 1024;

    public BatchConfig {
        Objects.requireNonNull(maxWait, KEY_MAX_WAIT);
        Objects.requireNonNull(checkInterval, KEY_CHECK_INTERVAL);
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException(KEY_SIZE + " must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        if (maxWait.toMillis() < 1 || maxWait.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(KEY_MAX_WAIT + " must be between 1 ms and 1 h, got " + maxWait);
        }
        if (checkInterval.toMillis() < 1 || checkInterval.compareTo(maxWait) > 0) {
            throw new IllegalArgumentException(KEY_CHECK_INTERVAL + " must be between 1 ms and " + KEY_MAX_WAIT + " ("
                    + maxWait + "), got " + checkInterval);
        }
    }

    /** {@code size} frames or {@code maxWait}, checked every quarter of {@code maxWait} (at least 1 ms). */
    public static BatchConfig of(int size, Duration maxWait) {
        return new BatchConfig(size, maxWait, Duration.ofMillis(Math.max(1, maxWait.toMillis() / 4)));
    }

    /** 8 frames or 200 ms. */
    public static BatchConfig defaults() {
        return of(8, Duration.ofMillis(200));
    }
}
