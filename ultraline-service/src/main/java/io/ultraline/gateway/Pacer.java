package io.ultraline.gateway;

import java.util.function.LongSupplier;

/**
 * Spaces sends at a fixed rate on a schedule (frame n at start + n / rate), so sleeping a little
 * too long once does not slow the whole replay. A sender that falls behind by more than one period
 * (a slow broker) starts a new schedule instead of sending a burst to catch up, because a camera
 * does not send bursts either. A rate of 0 sends as fast as possible.
 */
public final class Pacer {

    /** Sleeps; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long periodNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    public Pacer(double framesPerSecond) {
        this(framesPerSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    public Pacer(double framesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(framesPerSecond >= 0) || Double.isInfinite(framesPerSecond)) {
            throw new IllegalArgumentException("rate must be a number of frames per second >= 0 (0 = as fast as "
                    + "possible), got " + framesPerSecond);
        }
        this.periodNanos = framesPerSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / framesPerSecond));
        this.clock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Waits until the next frame's slot. */
    public void await() throws InterruptedException {
        if (periodNanos == 0) {
            return;
        }
        long now = clock.getAsLong();
        if (next == Long.MIN_VALUE || now - next > periodNanos) {
            next = now;
        } else if (next - now > 0) {
            sleeper.sleepNanos(next - now);
        }
        next += periodNanos;
    }
}
