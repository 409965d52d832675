package io.ultraline.defect.eval;

import java.util.List;

/** Intersection over union of pixel masks, and the best match of a true region among predictions. */
public final class RegionOverlap {

    private RegionOverlap() {}

    public static double iou(boolean[] a, boolean[] b) {
        long inter = 0;
        long union = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                inter++;
            }
            if (a[i] || b[i]) {
                union++;
            }
        }
        return union == 0 ? 0 : (double) inter / union;
    }

    /** Highest IoU of {@code truth} with any predicted region; 0 when nothing was predicted. */
    public static double bestMatch(boolean[] truth, List<boolean[]> predicted) {
        double best = 0;
        for (boolean[] p : predicted) {
            best = Math.max(best, iou(truth, p));
        }
        return best;
    }
}
