package io.ultraline.synth;

import io.ultraline.frame.RgbImage;
import java.util.SplittableRandom;

/**
 * The generator's defects painted onto real frames: a camera's own good frames become defective
 * ones with exact masks, so a profile can be checked on them without anyone labelling a frame.
 * The painters and the visibility and size rule are the generator's ({@link DefectInjector}).
 */
public final class PaintedDefects {

    private PaintedDefects() {}

    /** A painted copy of a frame, the pixels its defect changed (row-major) and the defect's kind. */
    public record Painted(RgbImage image, boolean[] mask, DefectType type) {}

    /**
     * One defect of {@code type} on a copy of a square frame (the frame is left as it was). A
     * misprint shifts a patch of the pattern when {@code patterned} and is an ink blot otherwise.
     *
     * @throws IllegalArgumentException if the frame is not square
     * @throws IllegalStateException    if no draw was visible within the generator's attempts
     */
    public static Painted paint(RgbImage frame, DefectType type, SplittableRandom r, boolean patterned) {
        if (frame.width() != frame.height()) {
            throw new IllegalArgumentException(
                    "painting needs a square frame, got " + frame.width() + "x" + frame.height());
        }
        FloatImage work = new FloatImage(frame.width(), frame.pixels().clone());
        // of the painters, only the misprint draws differently for these two families
        MaterialFamily family = patterned ? MaterialFamily.TILES : MaterialFamily.GRANULAR;
        boolean[] mask = DefectInjector.inject(work, type, r, family).mask();
        float[] px = work.data();
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0f, Math.min(1f, px[i]));
        }
        return new Painted(new RgbImage(frame.width(), frame.height(), px), mask, type);
    }
}
