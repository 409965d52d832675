package io.ultraline.defect;

import io.ultraline.ultra.PixelBox;

/**
 * Box and area in frame pixels of a mask made at another resolution (the model's input in the
 * stream, where frames are resized before they are buffered). Mask pixel {@code (x, y)} of a
 * {@code mw x mh} mask covers frame pixels {@code [x * W / mw, (x + 1) * W / mw)} per axis, so a
 * mask at frame resolution maps onto itself.
 */
final class PixelRegionShape {

    private PixelRegionShape() {}

    static PixelBox box(boolean[] mask, int mw, int mh, int frameW, int frameH) {
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = -1;
        int bottom = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                left = Math.min(left, p % mw);
                right = Math.max(right, p % mw);
                top = Math.min(top, p / mw);
                bottom = Math.max(bottom, p / mw);
            }
        }
        if (right < 0) {
            throw new IllegalArgumentException("an empty mask has no box");
        }
        int x0 = (int) ((long) left * frameW / mw);
        int y0 = (int) ((long) top * frameH / mh);
        int x1 = (int) Math.max(x0 + 1, -Math.floorDiv(-(long) (right + 1) * frameW, mw));
        int y1 = (int) Math.max(y0 + 1, -Math.floorDiv(-(long) (bottom + 1) * frameH, mh));
        return new PixelBox(x0, y0, x1 - x0, y1 - y0);
    }

    static int area(boolean[] mask, int mw, int mh, int frameW, int frameH) {
        long count = PixelMorphology.count(mask);
        return (int) Math.max(1, Math.round((double) count * frameW * frameH / ((double) mw * mh)));
    }
}
