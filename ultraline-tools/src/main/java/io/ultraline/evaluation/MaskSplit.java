package io.ultraline.evaluation;

import io.ultraline.defect.eval.TruthRegions;
import java.util.ArrayList;
import java.util.List;

/**
 * A region rule measured in the evaluation's ablation, not shipped: every pixel mask becomes its
 * components, pixels within {@link #JOIN_RADIUS} joining one component (a little wider than the 3
 * pixels that join the ground truth's regions: at 2, brushed metal lost 0.015 of region IoU),
 * keeping the largest and those of at least {@link #MIN_PIXELS} pixels. A mask that
 * spans several specks of one misprint then matches each speck's true region on its own.
 */
final class MaskSplit {

    /** Chebyshev distance within which pixels join one component. */
    static final int JOIN_RADIUS = 4;
    /** Smaller components other than the largest are dropped: fragments, not defects. */
    static final int MIN_PIXELS = 16;

    private MaskSplit() {}

    static List<boolean[]> components(List<boolean[]> masks, int width, int height) {
        List<boolean[]> out = new ArrayList<>();
        for (boolean[] mask : masks) {
            List<boolean[]> parts = TruthRegions.of(mask, width, height, JOIN_RADIUS);
            int largest = 0;
            for (boolean[] part : parts) {
                largest = Math.max(largest, count(part));
            }
            for (boolean[] part : parts) {
                int n = count(part);
                if (n == largest || n >= MIN_PIXELS) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
