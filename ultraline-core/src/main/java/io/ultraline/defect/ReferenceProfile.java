package io.ultraline.defect;

import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * What "normal" looks like for one camera (and product): a bank of normal patch tokens and the
 * frame-score threshold above which a frame is defective. Immutable; equality compares contents.
 * Built by {@link ProfileBuilder}, stored by {@link ProfileCodec}.
 *
 * @param version profile version, increasing per camera/product (stamped on every verdict)
 * @param created when calibration finished, kept to the millisecond (the wire's precision)
 * @param frameCount good frames the profile was calibrated on
 * @param tokenDim token dimension D of the bank, and of every frame scored against it
 * @param threshold frame-score threshold in use, after any {@link #withThreshold override}
 * @param thresholdQuantile quantile of the held-out calibration scores the threshold came from
 * @param thresholdMargin factor applied to that quantile
 * @param calibrationScores held-out frame score of every calibration frame, in frame order: the
 *     score each frame got from a bank built without it (copied in and out)
 * @param bank the normal tokens
 * @param appearance the raw-pixel channel, or null for a profile of tokens only (one calibrated
 *     without pixels, or before the channel existed); with it, {@code calibrationScores} and the
 *     threshold are those of the fused score ({@link AppearanceChannel})
 * @param transform the camera's token transform W for the ULTra target and concepts (issue 19),
 *     learned on the same calibration frames; null where none was learned (the plain target)
 * @param placeSwitch the calibration's decision to score tokens by place, with the statistic it
 *     came from; null where the tokens are scored against the whole bank (the switch was off, or
 *     the profile is older than it)
 * @param places the per-place token bank the token channel scores against when the switch is on;
 *     null when off. With it, {@code bank} holds the same tokens without their places.
 * @param conceptPrototypes the camera's concepts (issue 19, part 4), learned from the concepts of
 *     the calibration frames through {@code transform}; explanations name each frame's concepts by
 *     them. Null where none were learned (a profile older than them, or a calibration that found
 *     no concept of two patches)
 * @param zoom the zoomed token channel (issue 17, multi-scale inputs); with it,
 *     {@code calibrationScores} and the threshold are those of the score fused with it. Null where
 *     the camera's calibration chose none (the default), or the profile is older than it
 */
public record ReferenceProfile(
        long version,
        Instant created,
        int frameCount,
        int tokenDim,
        float threshold,
        float thresholdQuantile,
        float thresholdMargin,
        float[] calibrationScores,
        MemoryBank bank,
        AppearanceChannel appearance,
        TokenTransform transform,
        PlaceSwitch placeSwitch,
        PlaceBank places,
        ConceptPrototypes conceptPrototypes,
        ZoomChannel zoom) {

    /** Checks that the parts agree; copies the scores and truncates {@code created} to millis. */
    public ReferenceProfile {
        if (created == null || bank == null || calibrationScores == null) {
            throw new IllegalArgumentException("created, calibrationScores and bank are required");
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
        if (tokenDim != bank.dim()) {
            throw new IllegalArgumentException(
                    "tokenDim " + tokenDim + " does not match the bank's token dimension " + bank.dim());
        }
        if (frameCount < 1 || calibrationScores.length != frameCount) {
            throw new IllegalArgumentException("a profile needs one calibration score per frame and "
                    + "at least one frame, got frameCount " + frameCount + " and "
                    + calibrationScores.length + " scores");
        }
        requireScore(threshold, "threshold");
        if (!(thresholdQuantile > 0f && thresholdQuantile <= 1f)) {
            throw new IllegalArgumentException("thresholdQuantile must be in (0, 1], got " + thresholdQuantile);
        }
        if (!(thresholdMargin > 0f) || !Float.isFinite(thresholdMargin)) {
            throw new IllegalArgumentException("thresholdMargin must be positive and finite, got " + thresholdMargin);
        }
        calibrationScores = calibrationScores.clone();
        for (float score : calibrationScores) {
            requireScore(score, "calibration score");
        }
        if (appearance != null && appearance.calibrationScores().length != frameCount) {
            throw new IllegalArgumentException("the appearance channel has " + appearance.calibrationScores().length
                    + " calibration scores for " + frameCount + " frames");
        }
        if (transform != null && transform.inDim() != tokenDim) {
            throw new IllegalArgumentException(
                    "the transform takes " + transform.inDim() + "-dimensional tokens, the profile's are " + tokenDim);
        }
        if ((places != null) != (placeSwitch != null) || (placeSwitch != null && !placeSwitch.on())) {
            throw new IllegalArgumentException(
                    "a profile has a place bank exactly when it has a place switch that is on, got " + placeSwitch
                            + " and " + (places == null ? "no place bank" : places));
        }
        if (places != null && places.dim() != tokenDim) {
            throw new IllegalArgumentException(
                    "the place bank holds " + places.dim() + "-dimensional tokens, the profile's are " + tokenDim);
        }
        if (conceptPrototypes != null && conceptPrototypes.dim() != tokenDim) {
            throw new IllegalArgumentException("the concept prototypes are " + conceptPrototypes.dim()
                    + "-dimensional, the profile's tokens " + tokenDim);
        }
        if (zoom != null && (zoom.bank().dim() != tokenDim || zoom.calibrationScores().length != frameCount)) {
            throw new IllegalArgumentException(
                    "the zoom channel holds " + zoom.bank().dim() + "-dimensional tokens and "
                            + zoom.calibrationScores().length + " calibration scores, the profile " + tokenDim + " and "
                            + frameCount);
        }
    }

    /** A profile without a zoom channel. */
    public ReferenceProfile(
            long version,
            Instant created,
            int frameCount,
            int tokenDim,
            float threshold,
            float thresholdQuantile,
            float thresholdMargin,
            float[] calibrationScores,
            MemoryBank bank,
            AppearanceChannel appearance,
            TokenTransform transform,
            PlaceSwitch placeSwitch,
            PlaceBank places,
            ConceptPrototypes conceptPrototypes) {
        this(
                version,
                created,
                frameCount,
                tokenDim,
                threshold,
                thresholdQuantile,
                thresholdMargin,
                calibrationScores,
                bank,
                appearance,
                transform,
                placeSwitch,
                places,
                conceptPrototypes,
                null);
    }

    /** A profile whose tokens are not scored by place (a switch measured off, or none measured). */
    public ReferenceProfile(
            long version,
            Instant created,
            int frameCount,
            int tokenDim,
            float threshold,
            float thresholdQuantile,
            float thresholdMargin,
            float[] calibrationScores,
            MemoryBank bank,
            AppearanceChannel appearance,
            TokenTransform transform) {
        this(
                version,
                created,
                frameCount,
                tokenDim,
                threshold,
                thresholdQuantile,
                thresholdMargin,
                calibrationScores,
                bank,
                appearance,
                transform,
                null,
                null,
                null);
    }

    /** A profile without a token transform. */
    public ReferenceProfile(
            long version,
            Instant created,
            int frameCount,
            int tokenDim,
            float threshold,
            float thresholdQuantile,
            float thresholdMargin,
            float[] calibrationScores,
            MemoryBank bank,
            AppearanceChannel appearance) {
        this(
                version,
                created,
                frameCount,
                tokenDim,
                threshold,
                thresholdQuantile,
                thresholdMargin,
                calibrationScores,
                bank,
                appearance,
                null);
    }

    /** A profile of tokens only. */
    public ReferenceProfile(
            long version,
            Instant created,
            int frameCount,
            int tokenDim,
            float threshold,
            float thresholdQuantile,
            float thresholdMargin,
            float[] calibrationScores,
            MemoryBank bank) {
        this(
                version,
                created,
                frameCount,
                tokenDim,
                threshold,
                thresholdQuantile,
                thresholdMargin,
                calibrationScores,
                bank,
                null);
    }

    /**
     * The profile its token channel alone gives: the token held-out scores and their threshold
     * (an override is kept).
     */
    public ReferenceProfile withoutAppearance() {
        if (appearance == null && zoom == null) {
            return this;
        }
        float[] tokens = appearance != null ? appearance.tokenCalibrationScores() : zoom.baseCalibrationScores();
        return withScores(tokens, null, null);
    }

    /** The profile without its zoom channel: the held-out scores and threshold of its other channels. */
    public ReferenceProfile withoutZoom() {
        return zoom == null ? this : withScores(zoom.baseCalibrationScores(), appearance, null);
    }

    private ReferenceProfile withScores(float[] scores, AppearanceChannel pixels, ZoomChannel zoomed) {
        float own = thresholdOverridden() ? threshold : Quantiles.linear(scores, thresholdQuantile) * thresholdMargin;
        return new ReferenceProfile(
                version,
                created,
                frameCount,
                tokenDim,
                own,
                thresholdQuantile,
                thresholdMargin,
                scores,
                bank,
                pixels,
                transform,
                placeSwitch,
                places,
                conceptPrototypes,
                zoomed);
    }

    /**
     * The threshold the channels under the zoom channel calibrated, in whose units the zoom channel
     * fuses; {@link #calibratedThreshold()} without a zoom channel.
     */
    public float baseThreshold() {
        return zoom == null
                ? calibratedThreshold()
                : Quantiles.linear(zoom.baseCalibrationScores(), thresholdQuantile) * thresholdMargin;
    }

    /** The threshold calibration produced: quantile of the held-out scores times the margin. */
    public float calibratedThreshold() {
        return Quantiles.linear(calibrationScores, thresholdQuantile) * thresholdMargin;
    }

    /** The threshold the token channel alone calibrated; {@link #calibratedThreshold()} without a pixel channel. */
    public float tokenChannelThreshold() {
        return appearance == null
                ? calibratedThreshold()
                : Quantiles.linear(appearance.tokenCalibrationScores(), thresholdQuantile) * thresholdMargin;
    }

    /** Whether {@link #threshold} was set by hand rather than by calibration. */
    public boolean thresholdOverridden() {
        return Float.floatToIntBits(threshold) != Float.floatToIntBits(calibratedThreshold());
    }

    /**
     * The same profile with another threshold (an operator's override). The version is kept:
     * a caller that publishes the result as a new profile gives it a new version.
     */
    public ReferenceProfile withThreshold(float override) {
        return copy(version, override, transform, conceptPrototypes);
    }

    /** The same profile with another token transform W (null: none); the version is kept. */
    public ReferenceProfile withTransform(TokenTransform w) {
        return copy(version, threshold, w, conceptPrototypes);
    }

    /** The same profile with other concept prototypes (null: none); the version is kept. */
    public ReferenceProfile withConceptPrototypes(ConceptPrototypes prototypes) {
        return copy(version, threshold, transform, prototypes);
    }

    /** The same profile under another version number. */
    public ReferenceProfile withVersion(long newVersion) {
        return copy(newVersion, threshold, transform, conceptPrototypes);
    }

    /** This profile with the parts the {@code with} methods change; bank, places and calibration kept. */
    private ReferenceProfile copy(long newVersion, float newThreshold, TokenTransform w, ConceptPrototypes prototypes) {
        return new ReferenceProfile(
                newVersion,
                created,
                frameCount,
                tokenDim,
                newThreshold,
                thresholdQuantile,
                thresholdMargin,
                calibrationScores,
                bank,
                appearance,
                w,
                placeSwitch,
                places,
                prototypes,
                zoom);
    }

    /** Whether the token channel scores by place ({@link PlaceBank}). */
    public boolean scoresByPlace() {
        return places != null;
    }

    /** Number of tokens in the bank. */
    public int bankSize() {
        return bank.size();
    }

    /** The held-out calibration scores (a copy). */
    @Override
    public float[] calibrationScores() {
        return calibrationScores.clone();
    }

    private static void requireScore(float value, String what) {
        if (!(value >= 0f) || !Float.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReferenceProfile that
                && version == that.version
                && created.equals(that.created)
                && frameCount == that.frameCount
                && tokenDim == that.tokenDim
                && Float.compare(threshold, that.threshold) == 0
                && Float.compare(thresholdQuantile, that.thresholdQuantile) == 0
                && Float.compare(thresholdMargin, that.thresholdMargin) == 0
                && Arrays.equals(calibrationScores, that.calibrationScores)
                && bank.equals(that.bank)
                && java.util.Objects.equals(appearance, that.appearance)
                && TokenTransform.same(transform, that.transform)
                && java.util.Objects.equals(placeSwitch, that.placeSwitch)
                && java.util.Objects.equals(places, that.places)
                && java.util.Objects.equals(conceptPrototypes, that.conceptPrototypes)
                && java.util.Objects.equals(zoom, that.zoom);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(version) + Float.hashCode(threshold)) + bank.hashCode();
    }

    @Override
    public String toString() {
        return "ReferenceProfile[version=" + version + ", created=" + created + ", frames="
                + frameCount + ", bank=" + bank.size() + "x" + tokenDim + ", threshold=" + threshold
                + " (q" + thresholdQuantile + " x " + thresholdMargin + ")"
                + (appearance == null ? "" : ", " + appearance)
                + (transform == null ? "" : ", transform " + transform.outDim() + "x" + transform.inDim())
                + (placeSwitch == null ? "" : ", at home " + placeSwitch.share())
                + (places == null ? "" : ", " + places)
                + (conceptPrototypes == null ? "" : ", " + conceptPrototypes.count() + " concept prototypes")
                + (zoom == null ? "" : ", " + zoom) + "]";
    }
}
