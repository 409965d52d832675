package io.ultraline.defect;

/**
 * How the raw-pixel channel of a profile ({@link AppearanceBank}) is calibrated.
 *
 * @param maxPatches most patches the bank keeps after coreset selection; 0 turns the channel off
 * @param components principal axes each 192-value patch is projected onto, 1 to 192; fewer make
 *     the bank smaller and its search faster, and shorten distances by what the dropped axes held
 */
public record AppearanceConfig(int maxPatches, int components) {

    /** Values in one 8 x 8 RGB patch. */
    public static final int PATCH_DIM = AppearanceBank.PATCH * AppearanceBank.PATCH * 3;

    /** Checks both values. */
    public AppearanceConfig {
        if (maxPatches < 0 || maxPatches > ProfileConfig.MAX_BANK_SIZE) {
            throw new IllegalArgumentException("appearance maxPatches must be between 0 (off) and "
                    + ProfileConfig.MAX_BANK_SIZE + ", got " + maxPatches);
        }
        if (components < 1 || components > PATCH_DIM) {
            throw new IllegalArgumentException(
                    "appearance components must be between 1 and " + PATCH_DIM + ", got " + components);
        }
    }

    /** Whether profiles get a raw-pixel channel. */
    public boolean enabled() {
        return maxPatches > 0;
    }

    /** Bytes the channel adds to an encoded profile with {@code frames} calibration frames. */
    public long encodedBytes(int frames) {
        return 4L * (PATCH_DIM + (long) components * PATCH_DIM + (long) maxPatches * components + 2L * frames) + 64;
    }

    /** The channel off. */
    public static AppearanceConfig off() {
        return new AppearanceConfig(0, 32);
    }

    /** The defaults measured in docs/evaluation.md: PLACEHOLDER patches of PLACEHOLDER components. */
    public static AppearanceConfig defaults() {
        return new AppearanceConfig(4096, 32);
    }
}
