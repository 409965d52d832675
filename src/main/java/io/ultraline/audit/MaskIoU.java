package io.ultraline.audit;

import io.ultraline.avro.TokenMask;
import io.ultraline.ultra.RunLengthMask;

/** Intersection over union of two regions' token masks (run-length encoded on the token grid). */
final class MaskIoU {

    private MaskIoU() {
    }

    /** The IoU of two masks; 0 when their grids differ or one is malformed, 1 when both are empty. */
    static double of(TokenMask a, TokenMask b) {
        if (a.getGridHeight() != b.getGridHeight() || a.getGridWidth() != b.getGridWidth()) {
            return 0;
        }
        boolean[] x;
        boolean[] y;
        try {
            x = cells(a);
            y = cells(b);
        } catch (IllegalArgumentException e) {
            return 0; // a malformed mask matches nothing
        }
        int inter = 0;
        int union = 0;
        for (int i = 0; i < x.length; i++) {
            inter += x[i] && y[i] ? 1 : 0;
            union += x[i] || y[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    static boolean[] cells(TokenMask m) {
        return new RunLengthMask(m.getGridHeight(), m.getGridWidth(),
                m.getRuns().stream().mapToInt(Integer::intValue).toArray()).decode();
    }
}
