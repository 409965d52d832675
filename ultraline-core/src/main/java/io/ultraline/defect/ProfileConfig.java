package io.ultraline.defect;

import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.ConsistencyTrainer;

/**
 * How a {@link ReferenceProfile} is calibrated.
 *
 * @param maxBankSize most normal tokens the memory bank keeps after coreset selection (1 to
 *     {@value #MAX_BANK_SIZE}); query time grows linearly with it
 * @param quantile quantile of the held-out calibration frame scores the threshold starts from,
 *     in (0, 1]; 1 takes the highest held-out score
 * @param margin factor applied to that quantile, positive and finite; above 1 leaves head-room
 *     for good frames a little less typical than any seen in calibration
 * @param folds number of folds used to hold calibration frames out of their own bank, at least
 *     2; with fewer frames than folds every frame is its own fold (leave one frame out)
 * @param seed seed of the coreset's random projection
 * @param appearance the raw-pixel channel, calibrated when calibration frames bring their pixels
 * @param placeBanks whether calibration may score tokens by place: it measures the
 *     {@link PlaceSwitch} and keeps a {@link PlaceBank} where the switch is on; false keeps one bank
 *     of tokens from anywhere, as before the switch (evaluate's ablation)
 */
public record ProfileConfig(
        int maxBankSize,
        float quantile,
        float margin,
        int folds,
        long seed,
        AppearanceConfig appearance,
        boolean placeBanks) {

    /** Upper bound on {@link #maxBankSize}: about 3 GB of tokens at dimension 768. */
    public static final int MAX_BANK_SIZE = 1 << 20;

    /** Checks every value and says which one is wrong. */
    public ProfileConfig {
        if (maxBankSize < 1 || maxBankSize > MAX_BANK_SIZE) {
            throw new IllegalArgumentException(
                    "maxBankSize must be between 1 and " + MAX_BANK_SIZE + ", got " + maxBankSize);
        }
        if (!(quantile > 0f && quantile <= 1f)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
        }
        if (!(margin > 0f) || !Float.isFinite(margin)) {
            throw new IllegalArgumentException("margin must be a positive finite factor, got " + margin);
        }
        if (appearance == null) {
            throw new IllegalArgumentException("appearance must not be null; AppearanceConfig.off() turns it off");
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2 so that every calibration "
                    + "frame is scored against a bank without its own tokens, got " + folds);
        }
    }

    /**
     * Where the held-out folds of {@code frames} calibration frames start, then {@code frames}:
     * {@code min(folds, frames)} runs of consecutive frames, as even as integer division makes them.
     * Both channels of a profile hold out the same frames together.
     */
    int[] foldBounds(int frames) {
        int count = Math.min(folds, frames);
        int[] bounds = new int[count + 1];
        for (int fold = 0; fold <= count; fold++) {
            bounds[fold] = (int) ((long) fold * frames / count);
        }
        return bounds;
    }

    /** A configuration with {@link AppearanceConfig#defaults()} and place banks where the switch is on. */
    public ProfileConfig(int maxBankSize, float quantile, float margin, int folds, long seed) {
        this(maxBankSize, quantile, margin, folds, seed, AppearanceConfig.defaults());
    }

    /** A configuration with place banks where the switch is on. */
    public ProfileConfig(
            int maxBankSize, float quantile, float margin, int folds, long seed, AppearanceConfig appearance) {
        this(maxBankSize, quantile, margin, folds, seed, appearance, true);
    }

    /** This configuration with another raw-pixel channel. */
    public ProfileConfig withAppearance(AppearanceConfig other) {
        return new ProfileConfig(maxBankSize, quantile, margin, folds, seed, other, placeBanks);
    }

    /** This configuration with place banks allowed or not. */
    public ProfileConfig withPlaceBanks(boolean allowed) {
        return new ProfileConfig(maxBankSize, quantile, margin, folds, seed, appearance, allowed);
    }

    /**
     * This configuration with its banks capped so that a profile of {@code tokenDim}-dimensional
     * tokens fits in a record of {@code maxRecordBytes}. Both banks are stored as float32; 64 KiB
     * is left for the header, the held-out scores, the record's other fields, a token transform
     * of up to {@link #TRANSFORM_ALLOWANCE_BYTES} and concept prototypes of up to
     * {@link #PROTOTYPE_ALLOWANCE_BYTES}; a larger transform or larger prototypes take their excess
     * from the room. The raw-pixel
     * channel takes at most half of the rest (room for {@value #FITTING_FRAMES} calibration frames
     * included, {@link AppearanceConfig#encodedBytes}), fewer patches when it would take more, and
     * is turned off when not even its projection fits; the token bank takes what is left (a
     * {@link PlaceBank} takes the same bytes at 8 bits a component, four times the tokens). Profiles
     * are published to line.profiles, whose records are bounded like every output: a bank of 4096
     * tokens of dimension 96 (1.6 MB) would be refused there.
     *
     * @throws IllegalArgumentException when not even one token fits
     */
    public ProfileConfig withBankFitting(int maxRecordBytes, int tokenDim) {
        long room = (long) maxRecordBytes
                - RECORD_OVERHEAD_BYTES
                - transformExcessBytes(tokenDim)
                - prototypeExcessBytes(tokenDim);
        AppearanceConfig pixels = appearance;
        if (pixels.enabled() && pixels.encodedBytes(FITTING_FRAMES) > room / 2) {
            long fixed = new AppearanceConfig(0, pixels.components()).encodedBytes(FITTING_FRAMES);
            long patches = (room / 2 - fixed) / (4L * pixels.components());
            pixels = patches < 1
                    ? AppearanceConfig.off()
                    : new AppearanceConfig((int) Math.min(pixels.maxPatches(), patches), pixels.components());
        }
        long fits = (room - (pixels.enabled() ? pixels.encodedBytes(FITTING_FRAMES) : 0)) / (4L * tokenDim);
        if (fits < 1) {
            throw new IllegalArgumentException("a profile of " + tokenDim + "-dimensional tokens cannot fit in "
                    + maxRecordBytes + " bytes (outputs.max-record-bytes); raise it");
        }
        return new ProfileConfig((int) Math.min(maxBankSize, fits), quantile, margin, folds, seed, pixels, placeBanks);
    }

    /** Room in a profile record for everything but the bank. */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    /**
     * Part of {@link #RECORD_OVERHEAD_BYTES} a camera's token transform W may take (issue 19; the
     * default model's W is 12 kB). A larger W, that of a model with tokens of dimension about 250 or
     * more, takes the rest of its room from the banks, so that the profile still fits its record on
     * line.profiles and its store's changelog.
     */
    static final int TRANSFORM_ALLOWANCE_BYTES = 32 * 1024;

    /** Encoded size of the W a calibration learns for {@code tokenDim}-dimensional tokens. */
    static long transformBytes(int tokenDim) {
        return 4 + 8 + 4L * ConsistencyTrainer.defaults().outDim() * tokenDim;
    }

    private static long transformExcessBytes(int tokenDim) {
        return Math.max(0, transformBytes(tokenDim) - TRANSFORM_ALLOWANCE_BYTES);
    }

    /**
     * Part of {@link #RECORD_OVERHEAD_BYTES} a camera's concept prototypes may take (issue 19, part
     * 4): {@value io.ultraline.ultra.align.ConceptPrototypes#MAX_COUNT} of them and their centre take
     * 6.5 kB at the default model's dimension 96, 52 kB at 768, which takes the excess from the banks.
     */
    static final int PROTOTYPE_ALLOWANCE_BYTES = 16 * 1024;

    /** Encoded size of the most concept prototypes a calibration keeps for {@code tokenDim}-dimensional tokens. */
    static long prototypeBytes(int tokenDim) {
        return ProfileCodec.conceptBytes(ConceptPrototypes.MAX_COUNT, tokenDim);
    }

    private static long prototypeExcessBytes(int tokenDim) {
        return Math.max(0, prototypeBytes(tokenDim) - PROTOTYPE_ALLOWANCE_BYTES);
    }

    /** Calibration frames whose held-out scores the fitting leaves room for, beyond the overhead. */
    static final int FITTING_FRAMES = 1000;

    /**
     * The defaults: a bank of 4096 tokens, threshold = 0.99 quantile of held-out frame scores
     * times 1.1, 5 folds, seed 42.
     */
    public static ProfileConfig defaults() {
        return new ProfileConfig(4096, 0.99f, 1.1f, 5, 42L);
    }
}
