package io.ultraline.app;

/**
 * The mean of score / threshold over a camera's last normal (OK) frames: how close normal frames
 * sit to the threshold, comparable across cameras. Calibration leaves it well below 1; a rise over
 * hours is drift away from what the profile learned (the {@code recalibration} alert rule counts
 * the same ratio frame by frame). Thread-safe.
 */
final class NormalScoreRatio {

    private final double[] ring;
    private int next;
    private int count;
    private double sum;

    NormalScoreRatio(int size) {
        ring = new double[size];
    }

    /** Adds one OK frame; a frame without a positive threshold says nothing and is skipped. */
    synchronized void add(float score, Float threshold) {
        if (threshold == null || !(threshold > 0) || !Float.isFinite(score)) {
            return;
        }
        double ratio = score / threshold;
        if (count == ring.length) {
            sum -= ring[next];
        }
        ring[next] = ratio;
        sum += ratio;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    synchronized double value() {
        return count == 0 ? 0 : sum / count;
    }
}
