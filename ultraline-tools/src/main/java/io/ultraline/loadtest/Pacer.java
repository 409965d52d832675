package io.ultraline.loadtest;

import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop pacing: frame {@code n} is due at {@code start + n / rate}, whatever happened before.
 * A caller that falls behind (a slow send, a GC pause) gets the overdue frames at once, so the
 * offered rate holds on average and nothing waits for the system under test.
 */
final class Pacer {

    /** Time source and waiting, replaceable by a fake clock in tests. */
    interface Clock {
        long nanoTime();

        void parkUntil(long deadlineNanos);

        Clock SYSTEM = new Clock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void parkUntil(long deadlineNanos) {
                for (long wait = deadlineNanos - System.nanoTime();
                        wait > 0;
                        wait = deadlineNanos - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
        };
    }

    private final double rate;
    private final long durationNanos;
    private final Clock clock;
    private long start;
    private long next;
    private long maxLateNanos;

    /** {@code rate} frames/s for {@code durationNanos}: frames whose due time is before the end. */
    Pacer(double rate, long durationNanos, Clock clock) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + rate);
        }
        this.rate = rate;
        this.durationNanos = durationNanos;
        this.clock = clock;
    }

    void start() {
        start = clock.nanoTime();
    }

    /** Nanoseconds after the start at which frame {@code n} is due. */
    long dueOffset(long n) {
        return Math.round(n * 1e9 / rate);
    }

    /** Frames this pacer hands out in all. */
    long total() {
        return (long) Math.ceil(durationNanos * rate / 1e9 - 1e-9);
    }

    /**
     * Waits until the next frame is due and returns its due offset (ns after the start), or -1 once
     * every frame of the duration has been handed out.
     */
    long awaitNext() {
        if (next >= total()) {
            return -1;
        }
        long due = dueOffset(next++);
        long late = clock.nanoTime() - (start + due);
        if (late < 0) {
            clock.parkUntil(start + due);
        } else {
            maxLateNanos = Math.max(maxLateNanos, late);
        }
        return due;
    }

    /** How far the caller fell behind at worst (0 when it never did). */
    long maxLateNanos() {
        return maxLateNanos;
    }
}
