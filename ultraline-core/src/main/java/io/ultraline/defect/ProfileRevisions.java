package io.ultraline.defect;

import java.time.Instant;

/**
 * New versions of an existing profile from an operator's decisions, without a new calibration:
 * a frame taught as normal (a false alarm), and a threshold margin. Both are pure functions of the
 * previous profile and their inputs, so an audit that has the previous version, the frame's
 * replayed tokens and the margin rebuilds the new version bit for bit.
 */
public final class ProfileRevisions {

    /** Seed of the coreset search; fixed, so that a revision is reproducible. */
    static final long SEED = 20L;

    private ProfileRevisions() {}

    /**
     * The profile with one more normal frame: the frame's tokens join the token bank and its
     * patches the raw-pixel bank, each bank then reduced by greedy coreset selection back to its
     * previous size (a snapshot never grows past what line.profiles was sized for). The frame's
     * unusual tokens are the farthest from the bank, so the coreset keeps them first: the frame
     * scores near zero afterwards. The threshold, the calibration scores and the frame count stay
     * those of the calibration.
     *
     * @param frameTokens the frame's scoring tokens, N x tokenDim
     * @param modelInput  the frame as the model saw it (8-bit RGB), or null for a profile without the
     *                    raw-pixel channel
     */
    public static ReferenceProfile withNormalFrame(
            ReferenceProfile p, float[] frameTokens, byte[] modelInput, long version, Instant created) {
        return withNormalFrame(p, frameTokens, modelInput, null, version, created);
    }

    /**
     * As {@link #withNormalFrame(ReferenceProfile, float[], byte[], long, Instant)}, and where the
     * profile has a zoom channel, the frame's tile tokens join its bank the same way.
     *
     * @param tileTokens the frame's tile tokens ({@link ZoomChannel#cellScores}); required exactly
     *     when the profile has a zoom channel
     */
    public static ReferenceProfile withNormalFrame(
            ReferenceProfile p,
            float[] frameTokens,
            byte[] modelInput,
            float[] tileTokens,
            long version,
            Instant created) {
        MemoryBank.requireTokens(frameTokens, p.tokenDim(), "normal frame tokens");
        // a profile scored by place learns the frame place by place, each place keeping its size
        PlaceBank places = p.scoresByPlace() ? p.places().withFrame(frameTokens, SEED) : null;
        MemoryBank bank = places != null
                ? places.memoryBank()
                : MemoryBank.of(
                        reduced(
                                concat(p.bank().rows(), frameTokens),
                                p.tokenDim(),
                                p.bankSize(),
                                CoresetSelector.DEFAULT_PROJECTION_DIM),
                        p.tokenDim());
        AppearanceChannel appearance = p.appearance();
        if (appearance != null) {
            if (modelInput == null) {
                throw new IllegalArgumentException(
                        "the profile has a raw-pixel channel: a normal frame needs the " + "frame as the model saw it");
            }
            AppearanceBank old = appearance.bank();
            float[] rows = reduced(
                    concat(old.rows(), old.projectedPatches(modelInput)),
                    old.axes().components(),
                    old.size(),
                    0);
            appearance = new AppearanceChannel(
                    AppearanceBank.of(old.imageSize(), old.axes(), rows),
                    appearance.calibrationScores(),
                    appearance.threshold(),
                    appearance.scale(),
                    appearance.tokenCalibrationScores());
        }
        return new ReferenceProfile(
                version,
                created,
                p.frameCount(),
                p.tokenDim(),
                p.threshold(),
                p.thresholdQuantile(),
                p.thresholdMargin(),
                p.calibrationScores(),
                bank,
                appearance,
                p.transform(),
                p.placeSwitch(),
                places,
                p.conceptPrototypes(),
                withTiles(p.zoom(), tileTokens, p.tokenDim()));
    }

    private static ZoomChannel withTiles(ZoomChannel zoom, float[] tileTokens, int dim) {
        if (zoom == null) {
            return null;
        }
        if (tileTokens == null) {
            throw new IllegalArgumentException(
                    "the profile has a zoom channel: a normal frame needs its " + zoom.scale() + "x tile tokens");
        }
        MemoryBank.requireTokens(tileTokens, dim, "normal frame tile tokens");
        PlaceBank old = zoom.bank();
        float[] rows = reduced(
                concat(old.memoryBank().rows(), tileTokens),
                dim,
                old.perPlace(),
                CoresetSelector.DEFAULT_PROJECTION_DIM);
        return new ZoomChannel(
                zoom.scale(),
                PlaceBank.quantised(rows, 1, rows.length / dim, dim),
                zoom.calibrationScores(),
                zoom.threshold(),
                zoom.weight(),
                zoom.baseCalibrationScores());
    }

    /**
     * The profile with its threshold at the calibrated threshold times {@code margin} (1 = as
     * calibrated; an earlier margin or override is replaced, not compounded).
     */
    public static ReferenceProfile withMargin(ReferenceProfile p, float margin, long version, Instant created) {
        if (!(margin > 0f) || !Float.isFinite(margin)) {
            throw new IllegalArgumentException("a margin is a positive finite factor, got " + margin);
        }
        return new ReferenceProfile(
                version,
                created,
                p.frameCount(),
                p.tokenDim(),
                p.calibratedThreshold() * margin,
                p.thresholdQuantile(),
                p.thresholdMargin(),
                p.calibrationScores(),
                p.bank(),
                p.appearance(),
                p.transform(),
                p.placeSwitch(),
                p.places(),
                p.conceptPrototypes(),
                p.zoom());
    }

    private static float[] reduced(float[] rows, int dim, int size, int projectionDim) {
        CoresetSelector selector = new CoresetSelector(size, projectionDim, SEED);
        return CoresetSelector.gather(rows, dim, selector.select(rows, dim));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
