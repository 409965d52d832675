package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * The generator's defects painted onto real frames: a camera's own good frames become defective
 * ones with exact masks, so a profile can be checked on them without anyone labelling a frame.
 * The painters and the visibility and size rule are the generator's ({@link DefectInjector}).
 * Frames are interleaved row-major RGB in [0, 1], as {@code frame.RgbImage} holds them.
 */
public final class PaintedDefects {

    private PaintedDefects() {}

    /** A painted copy of a frame, the pixels its defect changed (row-major) and the defect's kind. */
    public record Painted(float[] rgb, boolean[] mask, DefectType type) {}

    /**
     * One defect of {@code type} on a copy of a {@code size x size} frame (the frame is left as it
     * was). A misprint shifts a patch of the pattern when {@code patterned} and is an ink blot
     * otherwise.
     *
     * @throws IllegalArgumentException if {@code rgb} does not hold {@code size * size * 3} values
     * @throws IllegalStateException    if no draw was visible within the generator's attempts
     */
    public static Painted paint(int size, float[] rgb, DefectType type, SplittableRandom r, boolean patterned) {
        FloatImage work = new FloatImage(size, rgb.clone());
        // of the painters, only the misprint draws differently for these two families
        MaterialFamily family = patterned ? MaterialFamily.TILES : MaterialFamily.GRANULAR;
        boolean[] mask = DefectInjector.inject(work, type, r, family).mask();
        float[] px = work.data();
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0f, Math.min(1f, px[i]));
        }
        return new Painted(px, mask, type);
    }
}
