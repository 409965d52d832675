package io.ultraline.app;

/** The mean of the last {@code size} values added (0 before the first). Thread-safe. */
final class RollingMean {

    private final double[] ring;
    private int next;
    private int count;
    private double sum;

    RollingMean(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a rolling mean needs at least one slot, got " + size);
        }
        ring = new double[size];
    }

    synchronized void add(double value) {
        if (count == ring.length) {
            sum -= ring[next];
        }
        ring[next] = value;
        sum += value;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    synchronized double value() {
        return count == 0 ? 0 : sum / count;
    }
}
