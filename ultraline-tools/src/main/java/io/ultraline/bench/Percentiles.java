package io.ultraline.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples, from one sorted copy (no histogram library needed). */
public final class Percentiles {

    private final long[] sorted;

    public Percentiles(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /** The smallest sample with at least {@code p} percent of the samples at or below it. */
    public long at(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    /**
     * The medians of the first and of the last quarter of samples taken in time order (at least one
     * sample each): an open loop the pipeline keeps up with holds them level, one it cannot keep up
     * with sees its latency grow with the backlog.
     */
    public static long[] medianOfFirstAndLastQuarter(long[] inTimeOrder) {
        if (inTimeOrder.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int quarter = Math.max(1, inTimeOrder.length / 4);
        return new long[] {
            new Percentiles(Arrays.copyOfRange(inTimeOrder, 0, quarter)).at(50),
            new Percentiles(Arrays.copyOfRange(inTimeOrder, inTimeOrder.length - quarter, inTimeOrder.length)).at(50)
        };
    }
}
