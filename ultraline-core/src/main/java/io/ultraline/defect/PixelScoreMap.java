package io.ultraline.defect;

/**
 * Token scores spread over frame pixels, for pixel-level evaluation (pixel AUROC, PRO) against
 * ground-truth masks. Both results are row-major {@code float[width * height]}.
 *
 * <ul>
 *   <li>{@link #nearest}: every pixel takes the score of the token cell it falls in, the same
 *       mapping as {@link io.ultraline.ultra.MaskUpsampling} uses for masks and boxes, so a
 *       thresholded nearest map equals the upsampled token mask;
 *   <li>{@link #bilinear}: scores sit at the cell centres and are interpolated between them
 *       (half-pixel centres, edges clamped: {@code align_corners=False} in PyTorch, OpenCV's
 *       {@code INTER_LINEAR}), the smooth map that anomaly-detection evaluations usually score.
 * </ul>
 */
public final class PixelScoreMap {

    private PixelScoreMap() {}

    /** Nearest-neighbour upsampling of the token scores. */
    public static float[] nearest(float[] scores, int gridH, int gridW, int width, int height) {
        float[] out = new float[check(scores, gridH, gridW, width, height)];
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * gridH / height) * gridW;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = scores[row + (int) ((long) x * gridW / width)];
            }
        }
        return out;
    }

    /**
     * Bilinear upsampling of the token scores between cell centres. Each column's two cells and
     * weight are worked out once, not once per row: the same doubles in the same order as before,
     * so the same floats, at a fraction of the cost (the fused score of every scored frame needs one).
     */
    public static float[] bilinear(float[] scores, int gridH, int gridW, int width, int height) {
        float[] out = new float[check(scores, gridH, gridW, width, height)];
        int[] c0 = new int[width];
        int[] c1 = new int[width];
        double[] fx = new double[width];
        for (int x = 0; x < width; x++) {
            double sx = clamp((x + 0.5) * gridW / width - 0.5, gridW - 1);
            c0[x] = (int) Math.floor(sx);
            c1[x] = Math.min(c0[x] + 1, gridW - 1);
            fx[x] = sx - c0[x];
        }
        for (int y = 0; y < height; y++) {
            double sy = clamp((y + 0.5) * gridH / height - 0.5, gridH - 1);
            int top0 = (int) Math.floor(sy);
            int r0 = top0 * gridW;
            int r1 = Math.min(top0 + 1, gridH - 1) * gridW;
            double fy = sy - top0;
            int row = y * width;
            for (int x = 0; x < width; x++) {
                double top = scores[r0 + c0[x]] * (1 - fx[x]) + scores[r0 + c1[x]] * fx[x];
                double bottom = scores[r1 + c0[x]] * (1 - fx[x]) + scores[r1 + c1[x]] * fx[x];
                out[row + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static double clamp(double v, int hi) {
        return Math.max(0.0, Math.min(hi, v));
    }

    private static int check(float[] scores, int gridH, int gridW, int width, int height) {
        if (gridH < 1 || gridW < 1 || scores.length != (long) gridH * gridW) {
            throw new IllegalArgumentException("a " + gridH + " x " + gridW + " grid needs " + (long) gridH * gridW
                    + " scores, got " + scores.length);
        }
        if (width < 1 || height < 1 || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "frame size " + width + " x " + height + " must be positive and fit one array");
        }
        return width * height;
    }
}
