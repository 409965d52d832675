package io.ultraline.defect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Calibrates a {@link ReferenceProfile} from the patch tokens of K good frames.
 *
 * <p>Threshold. A frame's own tokens sit in a bank built from it at distance 0, so scoring the
 * calibration frames against the final bank would give a threshold near 0. The frames are
 * therefore split into {@code min(folds, K)} folds of consecutive frames; each fold is scored
 * against a bank built, exactly like the final one (same coreset size), from the other folds.
 * Folds are contiguous rather than interleaved because neighbouring frames of a line camera are
 * nearly identical: holding out a frame while keeping its neighbour would understate how far a
 * new good frame lies from the bank. The threshold is the {@code quantile} of the K held-out
 * frame scores ({@link Quantiles#linear}) times the {@code margin}. With the defaults (0.99,
 * 1.1) and up to 100 frames, that is practically the highest held-out score plus 10 %.
 *
 * <p>Bank. The final bank holds the coreset of all K frames' tokens, of at most
 * {@code maxBankSize} tokens ({@link CoresetSelector} with its default projection).
 *
 * <p>Place. Where the configuration allows it, the {@link PlaceSwitch} is measured on the frames;
 * when it is on, the held-out scores and the final bank are those of {@link PlaceBank}s (one coreset
 * a place), in the bytes the float32 bank would have taken.
 *
 * <p>Zoom. Where every frame brought its tile tokens at one scale ({@link #add(float[], byte[],
 * float[], int)}), a {@link ZoomChannel} is calibrated on them with the same folds, and fused last.
 * It takes half the bytes the token bank would have taken: the token bank keeps half its tokens,
 * the zoom bank, at 8 bits a component, twice as many. Halving the token bank cost 0.000 to 0.006
 * image AUROC on four sets (docs/evaluation.md); a zoom bank of 1200 tokens instead of 2500 lost
 * 0.017 on terrazzo.
 *
 * <p>Cost: {@code folds + 1} coreset selections and K frames of queries, single threaded.
 * Measured on one shared core: about 2 s for 100 frames of 64 tokens of dimension 96 into a bank
 * of 4096, about 10 s for 50 frames of 196 x 768 ({@code DefectBenchmark} in the tests). A
 * caller on a latency-sensitive thread should build off that thread. Not thread-safe: one
 * builder per calibration.
 */
public final class ProfileBuilder {

    private final ProfileConfig config;
    private final int tokenDim;
    private final List<float[]> frames = new ArrayList<>();
    /** Quantised model inputs, one per frame while every frame brought one. */
    private final List<byte[]> inputs = new ArrayList<>();
    /** Tile tokens, one per frame while every frame brought them at {@link #zoomScale}. */
    private final List<float[]> tiles = new ArrayList<>();

    private int zoomScale;

    /** A builder for tokens of dimension {@code tokenDim}. */
    public ProfileBuilder(ProfileConfig config, int tokenDim) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        if (tokenDim < 1) {
            throw new IllegalArgumentException("token dimension must be at least 1, got " + tokenDim);
        }
        this.config = config;
        this.tokenDim = tokenDim;
    }

    /**
     * Adds the patch tokens of one good frame, row-major {@code N * tokenDim} floats (copied).
     *
     * @throws IllegalArgumentException if the length is not a positive multiple of the token
     *     dimension or a value is not finite
     */
    public ProfileBuilder add(float[] frameTokens) {
        return add(frameTokens, null);
    }

    /**
     * Adds one good frame's tokens and its model input ({@link AppearanceBank#quantise quantised}),
     * for the raw-pixel channel. The channel is calibrated only when every frame brought an input
     * of one size and the configuration enables it.
     *
     * @param modelInput 8-bit RGB of the square model input, or null
     */
    public ProfileBuilder add(float[] frameTokens, byte[] modelInput) {
        return add(frameTokens, modelInput, null, 0);
    }

    /**
     * As {@link #add(float[], byte[])}, with the frame's tile tokens for a zoom channel: the model
     * input enlarged {@code scale} times and cut into model-sized tiles ({@link ZoomChannel}). The
     * channel is calibrated only when every frame brought tiles of one length at one scale.
     *
     * @param tileTokens the tiles' plain-view tokens, or null
     * @throws IllegalArgumentException where frames bring tiles at two scales
     */
    public ProfileBuilder add(float[] frameTokens, byte[] modelInput, float[] tileTokens, int scale) {
        if (tileTokens != null) {
            MemoryBank.requireTokens(tileTokens, tokenDim, "calibration frame " + frames.size() + " tiles");
            if (zoomScale != 0 && zoomScale != scale) {
                throw new IllegalArgumentException(
                        "calibration frames brought tiles at " + zoomScale + "x and " + scale + "x");
            }
            zoomScale = scale;
        }
        if (tileTokens != null
                && tiles.size() == frames.size()
                && (tiles.isEmpty() || tiles.get(0).length == tileTokens.length)) {
            tiles.add(tileTokens.clone());
        } else {
            tiles.clear();
        }
        MemoryBank.requireTokens(frameTokens, tokenDim, "calibration frame " + frames.size());
        if (modelInput != null) {
            AppearanceCalibration.sideOf(modelInput);
        }
        if (modelInput != null
                && inputs.size() == frames.size()
                && (inputs.isEmpty() || inputs.get(0).length == modelInput.length)) {
            inputs.add(modelInput.clone());
        } else {
            inputs.clear();
        }
        frames.add(frameTokens.clone());
        return this;
    }

    /** Frames added so far. */
    public int frameCount() {
        return frames.size();
    }

    /**
     * Builds the profile.
     *
     * @throws IllegalStateException with fewer than 2 frames (one must be held out)
     */
    public ReferenceProfile build(long version, Instant created) {
        int k = frames.size();
        if (k < 2) {
            throw new IllegalStateException("calibration needs at least 2 good frames so that each "
                    + "can be scored against a bank without its own tokens, got " + k);
        }
        boolean zoomed = tiles.size() == k;
        // a zoom channel takes half the token bank's bytes
        int bankSize = zoomed ? Math.max(1, config.maxBankSize() / 2) : config.maxBankSize();
        PlaceSwitch placeSwitch = config.placeBanks() && oneLength() ? PlaceSwitch.measure(frames, tokenDim) : null;
        PlaceBank places = null;
        float[] heldOut;
        MemoryBank bank;
        if (placeSwitch != null && !placeSwitch.on()) {
            // off: the profile calibration gave before the switch existed, byte for byte
            placeSwitch = null;
        }
        if (placeSwitch != null) {
            // the place bank takes the bytes the float32 bank would have taken
            int perPlace = PlaceBank.perPlaceFitting(bankSize, frames.get(0).length / tokenDim, tokenDim);
            heldOut = heldOutByPlace(perPlace);
            places = PlaceBank.fit(frames, tokenDim, perPlace, config.seed());
            bank = places.memoryBank();
        } else {
            heldOut = heldOutScores(bankSize);
            bank = bankOf(0, 0, bankSize);
        }
        AppearanceChannel appearance = config.appearance().enabled() && inputs.size() == k
                ? AppearanceCalibration.calibrate(inputs, heldOut, config)
                : null;
        if (appearance != null) {
            float[] pixels = appearance.calibrationScores();
            for (int i = 0; i < k; i++) {
                heldOut[i] = appearance.fuse(heldOut[i], pixels[i]);
            }
        }
        ZoomChannel zoom = zoomed
                ? ZoomCalibration.calibrate(tiles, zoomScale, tokenDim, 2 * config.maxBankSize(), heldOut, config)
                : null;
        if (zoom != null) {
            float[] zoomScores = zoom.calibrationScores();
            for (int i = 0; i < k; i++) {
                heldOut[i] = zoom.fuse(heldOut[i], zoomScores[i]);
            }
        }
        float threshold = Quantiles.linear(heldOut, config.quantile()) * config.margin();
        return new ReferenceProfile(
                version,
                created,
                k,
                tokenDim,
                threshold,
                config.quantile(),
                config.margin(),
                heldOut,
                bank,
                appearance,
                null,
                placeSwitch,
                places,
                null,
                zoom);
    }

    /** Whether every frame has as many tokens as the first: places exist only then. */
    private boolean oneLength() {
        return frames.stream().allMatch(f -> f.length == frames.get(0).length);
    }

    /** Each frame's score against a place bank of the other folds, built like the final one. */
    private float[] heldOutByPlace(int perPlace) {
        int k = frames.size();
        float[] scores = new float[k];
        int[] bounds = config.foldBounds(k);
        for (int fold = 0; fold + 1 < bounds.length; fold++) {
            List<float[]> rest = new ArrayList<>(frames.subList(0, bounds[fold]));
            rest.addAll(frames.subList(bounds[fold + 1], k));
            PlaceBank bank = PlaceBank.fit(rest, tokenDim, perPlace, config.seed());
            for (int frame = bounds[fold]; frame < bounds[fold + 1]; frame++) {
                scores[frame] = TokenScorer.frameScore(bank.nearestDistances(frames.get(frame)));
            }
        }
        return scores;
    }

    /** Each frame's score against a bank of the other folds. */
    private float[] heldOutScores(int bankSize) {
        int k = frames.size();
        float[] scores = new float[k];
        int[] bounds = config.foldBounds(k);
        for (int fold = 0; fold + 1 < bounds.length; fold++) {
            int from = bounds[fold];
            int to = bounds[fold + 1];
            MemoryBank bank = bankOf(from, to, bankSize);
            // one query call for the whole fold, so that each bank tile is read once
            float[] distances = bank.nearestDistances(tokensOf(i -> i >= from && i < to));
            int offset = 0;
            for (int frame = from; frame < to; frame++) {
                int tokens = frames.get(frame).length / tokenDim;
                float max = 0f;
                for (int t = offset; t < offset + tokens; t++) {
                    max = Math.max(max, distances[t]);
                }
                scores[frame] = max;
                offset += tokens;
            }
        }
        return scores;
    }

    /** Coreset bank of every frame outside {@code [skipFrom, skipTo)}. */
    private MemoryBank bankOf(int skipFrom, int skipTo, int bankSize) {
        float[] tokens = tokensOf(i -> i < skipFrom || i >= skipTo);
        CoresetSelector selector = new CoresetSelector(bankSize, CoresetSelector.DEFAULT_PROJECTION_DIM, config.seed());
        CoresetSelector.Coreset coreset = selector.select(tokens, tokenDim);
        return MemoryBank.of(CoresetSelector.gather(tokens, tokenDim, coreset), tokenDim);
    }

    /** The tokens of the frames {@code include} accepts, in frame order, in one array. */
    private float[] tokensOf(IntPredicate include) {
        return tokensOf(frames, include);
    }

    /** The tokens of the {@code frames} that {@code include} accepts, in order, in one array. */
    static float[] tokensOf(List<float[]> frames, IntPredicate include) {
        int length = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (include.test(i)) {
                length = Math.addExact(length, frames.get(i).length);
            }
        }
        float[] tokens = new float[length];
        int offset = 0;
        for (int i = 0; i < frames.size(); i++) {
            if (include.test(i)) {
                float[] frame = frames.get(i);
                System.arraycopy(frame, 0, tokens, offset, frame.length);
                offset += frame.length;
            }
        }
        return tokens;
    }
}
