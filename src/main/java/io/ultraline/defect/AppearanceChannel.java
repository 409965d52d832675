package io.ultraline.defect;

import java.util.Arrays;

/**
 * The raw-pixel channel of a {@link ReferenceProfile}: the bank, each calibration frame's held-out
 * score against it (computed as the token channel's are, see {@link ProfileBuilder}) and the
 * threshold those scores give under the profile's quantile and margin.
 *
 * <p>Fusion: an appearance score {@code a} counts as {@code a * scale} in token-score units, with
 * {@code scale = calibrated token threshold / this threshold}, so each channel crosses the
 * profile's threshold exactly where it crosses its own calibrated one. An operator's threshold
 * override moves both channels alike.
 *
 * @param bank the normal patches
 * @param calibrationScores held-out frame score of every calibration frame, in frame order (copied)
 * @param threshold quantile of those scores times the margin
 */
public record AppearanceChannel(AppearanceBank bank, float[] calibrationScores, float threshold) {

    /** Floor for the threshold when calibration frames were identical (every held-out score 0). */
    static final float MIN_THRESHOLD = 1e-6f;

    /** Checks the parts and copies the scores. */
    public AppearanceChannel {
        if (bank == null || calibrationScores == null || calibrationScores.length == 0) {
            throw new IllegalArgumentException("an appearance channel needs a bank and calibration scores");
        }
        if (!(threshold >= 0f) || !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("appearance threshold must be finite and >= 0, got " + threshold);
        }
        calibrationScores = calibrationScores.clone();
        for (float s : calibrationScores) {
            if (!(s >= 0f) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("appearance calibration score must be finite and >= 0, got " + s);
            }
        }
    }

    /** Factor that turns this channel's scores into token-score units. */
    public float scaleTo(float tokenThreshold) {
        return tokenThreshold / Math.max(threshold, MIN_THRESHOLD);
    }

    @Override
    public float[] calibrationScores() {
        return calibrationScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppearanceChannel that && bank.equals(that.bank)
                && Arrays.equals(calibrationScores, that.calibrationScores)
                && Float.compare(threshold, that.threshold) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * bank.hashCode() + Float.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "AppearanceChannel[patches=" + bank.size() + "x" + bank.axes().components() + ", threshold="
                + threshold + "]";
    }
}
