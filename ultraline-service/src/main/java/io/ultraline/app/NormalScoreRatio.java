package io.ultraline.app;

/**
 * The mean of score / threshold over a camera's last normal (OK) frames: how close normal frames
 * sit to the threshold, comparable across cameras. Calibration leaves it well below 1; a rise over
 * hours is drift away from what the profile learned (the {@code recalibration} alert rule counts
 * the same ratio frame by frame). Thread-safe.
 */
final class NormalScoreRatio {

    private final RollingMean mean;

    NormalScoreRatio(int size) {
        mean = new RollingMean(size);
    }

    /** Adds one OK frame; a frame without a positive threshold says nothing and is skipped. */
    void add(float score, Float threshold) {
        if (threshold == null || !(threshold > 0) || !Float.isFinite(score)) {
            return;
        }
        mean.add(score / threshold);
    }

    double value() {
        return mean.value();
    }
}
