package io.ultraline.ultra.eval;

/**
 * Per grid cell, the mean and standard deviation of each RGB channel over the cell's pixels: the
 * six features of the colour anchor. Cells cover pixels as {@link io.ultraline.ultra.MaskUpsampling}
 * maps them, so anchor labels and concept labels describe the same pixels.
 */
public final class PatchColour {

    private PatchColour() {}

    /**
     * @param rgb interleaved RGB, row-major, {@code width * height * 3}
     * @return {@code float[gridH * gridW][6]}: mean R, G, B, then standard deviation R, G, B
     */
    public static float[][] features(float[] rgb, int width, int height, int gridH, int gridW) {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + width * height * 3 + " values for " + width + "x" + height
                    + " RGB, got " + rgb.length);
        }
        if (width < gridW || height < gridH) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image leaves grid cells empty in a "
                    + gridH + "x" + gridW + " grid");
        }
        double[][] sum = new double[gridH * gridW][3];
        double[][] sq = new double[gridH * gridW][3];
        int[] count = new int[gridH * gridW];
        for (int y = 0; y < height; y++) {
            int row = (int) ((long) y * gridH / height);
            for (int x = 0; x < width; x++) {
                int cell = row * gridW + (int) ((long) x * gridW / width);
                count[cell]++;
                for (int c = 0; c < 3; c++) {
                    double v = rgb[3 * (y * width + x) + c];
                    sum[cell][c] += v;
                    sq[cell][c] += v * v;
                }
            }
        }
        float[][] out = new float[gridH * gridW][6];
        for (int cell = 0; cell < out.length; cell++) {
            for (int c = 0; c < 3; c++) {
                double mean = sum[cell][c] / count[cell];
                out[cell][c] = (float) mean;
                out[cell][3 + c] = (float) Math.sqrt(Math.max(0, sq[cell][c] / count[cell] - mean * mean));
            }
        }
        return out;
    }
}
