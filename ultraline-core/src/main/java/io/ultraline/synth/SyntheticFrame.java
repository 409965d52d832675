package io.ultraline.synth;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One generated frame with its ground truth.
 *
 * @param image     the frame, {@code TYPE_INT_RGB}, square; treat as read-only
 * @param mask      row-major, {@code size * size}: true where any defect changed the frame visibly
 *                  (see {@link DefectPainter}); all false for a good frame. The accessor returns a copy.
 * @param defects   the injected defects, in painting order; empty for a good frame
 * @param setup     the camera it was taken with
 * @param frameSeed the frame's seed
 */
public record SyntheticFrame(
        BufferedImage image, boolean[] mask, List<Defect> defects, CameraSetup setup, long frameSeed) {

    public SyntheticFrame {
        if (image.getWidth() != image.getHeight() || mask.length != image.getWidth() * image.getHeight()) {
            throw new IllegalArgumentException("image must be square and the mask its size");
        }
        mask = mask.clone();
        defects = List.copyOf(defects);
    }

    @Override
    public boolean[] mask() {
        return mask.clone();
    }

    public int size() {
        return image.getWidth();
    }

    public boolean defective() {
        return !defects.isEmpty();
    }

    /** Pixels in the mask. */
    public int maskArea() {
        int a = 0;
        for (boolean b : mask) {
            a += b ? 1 : 0;
        }
        return a;
    }

    /** The mask as a single-channel image: 255 on defects, 0 elsewhere. */
    public BufferedImage maskImage() {
        int n = size();
        BufferedImage out = new BufferedImage(n, n, BufferedImage.TYPE_BYTE_GRAY);
        byte[] row = new byte[n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                row[x] = mask[y * n + x] ? (byte) 255 : 0;
            }
            out.getRaster().setDataElements(0, y, n, 1, row);
        }
        return out;
    }
}
