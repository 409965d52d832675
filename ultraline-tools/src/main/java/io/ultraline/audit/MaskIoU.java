package io.ultraline.audit;

import io.ultraline.avro.PixelMask;
import io.ultraline.avro.TokenMask;
import io.ultraline.ultra.RunLengthMask;

/** Intersection over union of two regions' token masks or pixel masks (both run-length encoded). */
final class MaskIoU {

    private MaskIoU() {}

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
        return iou(x, y);
    }

    /** The IoU of two pixel masks; 0 when their sizes differ or one is malformed, 1 when both are empty. */
    static double of(PixelMask a, PixelMask b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return 0;
        }
        try {
            return iou(pixels(a), pixels(b));
        } catch (IllegalArgumentException e) {
            return 0; // a malformed mask matches nothing
        }
    }

    private static double iou(boolean[] x, boolean[] y) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < x.length; i++) {
            inter += x[i] && y[i] ? 1 : 0;
            union += x[i] || y[i] ? 1 : 0;
        }
        return union == 0 ? 1 : (double) inter / union;
    }

    /** Set pixels of a mask, or -1 when it is malformed. */
    static int setCount(PixelMask m) {
        try {
            int n = 0;
            for (boolean b : pixels(m)) {
                n += b ? 1 : 0;
            }
            return n;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    static boolean[] pixels(PixelMask m) {
        return new RunLengthMask(
                        m.getHeight(),
                        m.getWidth(),
                        m.getRuns().stream().mapToInt(Integer::intValue).toArray())
                .decode();
    }

    static boolean[] cells(TokenMask m) {
        return new RunLengthMask(
                        m.getGridHeight(),
                        m.getGridWidth(),
                        m.getRuns().stream().mapToInt(Integer::intValue).toArray())
                .decode();
    }
}
