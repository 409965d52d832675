package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Draws one defect of its kind onto a lit frame, at a random place, size and orientation.
 *
 * <p><b>Mask rule.</b> A painter only draws; the generator derives the exact mask by comparing
 * the frame before and after painting, both before sensor noise and quantisation: a pixel belongs
 * to the defect when some channel changed by at least {@link #MASK_THRESHOLD}. Soft edges that
 * change a pixel by less are too faint to see and stay outside the mask, so every pixel outside
 * the mask differs from the defect-free frame by less than the threshold (before noise).
 */
public interface DefectPainter {

    /** The smallest channel change (on the [0, 1] scale, 10/255) that counts as part of a defect. */
    double MASK_THRESHOLD = 10.0 / 255;

    /**
     * Paints one defect.
     *
     * @param frame  the lit, noise-free frame to draw on
     * @param r      the defect's random stream
     * @param family the material, for defects whose look depends on it (misprints)
     */
    void paint(FloatImage frame, SplittableRandom r, MaterialFamily family);

    /** A uniform number in [lo, hi). */
    static double uniform(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
