package io.ultraline.defect;

import java.util.Arrays;

/**
 * The raw-pixel channel of a {@link ReferenceProfile}: the bank, each calibration frame's held-out
 * score against it (computed as the token channel's are, see {@link ProfileBuilder}), the
 * threshold those scores give under the profile's quantile and margin, and what the token channel
 * alone had calibrated.
 *
 * <p>Fusion ({@link AppearanceFusion}): a pixel score {@code a} counts as {@code a * scale} in
 * token-score units, {@code scale} being the token channel's own threshold over this one, so that
 * both channels weigh alike at their thresholds; a frame scores the mean of its two channels. The
 * profile's held-out scores and threshold are those of the fused score.
 *
 * @param bank the normal patches
 * @param calibrationScores held-out pixel-channel score of every calibration frame, in frame order
 *     (copied)
 * @param threshold quantile of those scores times the margin
 * @param scale factor from pixel-channel to token-score units
 * @param tokenCalibrationScores the token channel's own held-out scores (copied), which the profile
 *     had without this channel ({@link ReferenceProfile#withoutAppearance})
 */
public record AppearanceChannel(
        AppearanceBank bank, float[] calibrationScores, float threshold, float scale, float[] tokenCalibrationScores) {

    /** Floor for the threshold when calibration frames were identical (every held-out score 0). */
    static final float MIN_THRESHOLD = 1e-6f;

    /** Checks the parts and copies the scores. */
    public AppearanceChannel {
        if (bank == null
                || calibrationScores == null
                || calibrationScores.length == 0
                || tokenCalibrationScores == null
                || tokenCalibrationScores.length != calibrationScores.length) {
            throw new IllegalArgumentException(
                    "an appearance channel needs a bank and one pixel and one token" + " calibration score per frame");
        }
        if (!(scale >= 0f) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("appearance scale must be finite and >= 0, got " + scale);
        }
        tokenCalibrationScores = tokenCalibrationScores.clone();
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

    /**
     * Patch distances from this fraction of the threshold up are exact; below it a patch's search
     * stops at the first normal patch that close, which halves the cost of a frame (measured in
     * docs/benchmarks.md) and leaves every frame score that matters unchanged: a frame at half its
     * threshold is normal whatever its exact score.
     */
    public static final float EXACT_FROM = 0.5f;

    /** Scores one quantised model input against the bank, exact from {@link #EXACT_FROM} of the threshold. */
    public AppearanceBank.Scores score(byte[] modelInput) {
        return bank.score(modelInput, EXACT_FROM * threshold);
    }

    /** The factor that weighs this channel like one whose threshold is {@code tokenThreshold}. */
    static float scaleFor(float tokenThreshold, float pixelThreshold) {
        return tokenThreshold / Math.max(pixelThreshold, MIN_THRESHOLD);
    }

    /** Fused score of a frame from its two channels' scores: their mean in token-score units. */
    public float fuse(float tokenScore, float pixelScore) {
        return (tokenScore + pixelScore * scale) / 2f;
    }

    @Override
    public float[] calibrationScores() {
        return calibrationScores.clone();
    }

    @Override
    public float[] tokenCalibrationScores() {
        return tokenCalibrationScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AppearanceChannel that
                && bank.equals(that.bank)
                && Arrays.equals(calibrationScores, that.calibrationScores)
                && Float.compare(threshold, that.threshold) == 0
                && Float.compare(scale, that.scale) == 0
                && Arrays.equals(tokenCalibrationScores, that.tokenCalibrationScores);
    }

    @Override
    public int hashCode() {
        return 31 * bank.hashCode() + Float.hashCode(threshold);
    }

    @Override
    public String toString() {
        return "AppearanceChannel[patches=" + bank.size() + "x" + bank.axes().components() + ", threshold=" + threshold
                + ", scale=" + scale + "]";
    }
}
