package io.ultraline.ultra;

/**
 * Per pixel colour statistics of a small square window around it: the mean and the standard
 * deviation of each RGB channel, six values a pixel. The mean says which colour a material has,
 * the deviation how rough it is; a single pixel's colour says neither reliably under sensor noise
 * and texture, which is why {@link PixelRefinement} compares windows, not pixels. Windows are
 * clipped at the frame's edges. Sums come from integral images, so the cost does not grow with
 * the window.
 */
final class LocalColour {

    /** Values per pixel: mean R, G, B, then standard deviation R, G, B. */
    static final int FEATURES = 6;

    private LocalColour() {}

    /**
     * The features of every pixel, row-major, {@link #FEATURES} values each.
     *
     * @param rgb the frame, row-major RGB, {@code width * height * 3} values
     * @param radius the window is {@code 2 * radius + 1} pixels a side; 0 takes the pixel alone
     */
    static float[] of(float[] rgb, int width, int height, int radius) {
        int stride = width + 1;
        double[][] sum = new double[3][stride * (height + 1)];
        double[][] square = new double[3][stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y + 1) * stride + x + 1;
                for (int ch = 0; ch < 3; ch++) {
                    double v = rgb[(y * width + x) * 3 + ch];
                    sum[ch][at] = v + sum[ch][at - 1] + sum[ch][at - stride] - sum[ch][at - stride - 1];
                    square[ch][at] = v * v + square[ch][at - 1] + square[ch][at - stride] - square[ch][at - stride - 1];
                }
            }
        }
        float[] out = new float[width * height * FEATURES];
        for (int y = 0; y < height; y++) {
            int y0 = Math.max(0, y - radius);
            int y1 = Math.min(height, y + radius + 1);
            for (int x = 0; x < width; x++) {
                int x0 = Math.max(0, x - radius);
                int x1 = Math.min(width, x + radius + 1);
                double count = (double) (y1 - y0) * (x1 - x0);
                int base = (y * width + x) * FEATURES;
                for (int ch = 0; ch < 3; ch++) {
                    double mean = box(sum[ch], stride, x0, y0, x1, y1) / count;
                    double meanSquare = box(square[ch], stride, x0, y0, x1, y1) / count;
                    out[base + ch] = (float) mean;
                    out[base + 3 + ch] = (float) Math.sqrt(Math.max(0, meanSquare - mean * mean));
                }
            }
        }
        return out;
    }

    private static double box(double[] integral, int stride, int x0, int y0, int x1, int y1) {
        return integral[y1 * stride + x1]
                - integral[y0 * stride + x1]
                - integral[y1 * stride + x0]
                + integral[y0 * stride + x0];
    }
}
