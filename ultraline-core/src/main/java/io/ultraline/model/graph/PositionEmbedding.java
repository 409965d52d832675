package io.ultraline.model.graph;

import io.ultraline.model.weights.WeightTensor;

/**
 * Resizes a learned position embedding to another patch grid by bicubic interpolation
 * (a = -0.75, half-pixel centres, edge clamping), the resampling timm and DINO use when a ViT
 * runs at a size other than the one it was trained at. The CLS position is kept as it is.
 */
public final class PositionEmbedding {

    private static final double A = -0.75;

    private PositionEmbedding() {}

    public static WeightTensor resize(WeightTensor pos, int fromGrid, int toGrid, boolean hasCls) {
        if (fromGrid == toGrid) {
            return pos;
        }
        int extra = hasCls ? 1 : 0;
        int dim = (int) pos.dim(2);
        float[] src = pos.data();
        float[] dst = new float[(toGrid * toGrid + extra) * dim];
        System.arraycopy(src, 0, dst, 0, extra * dim);
        double scale = (double) fromGrid / toGrid;
        for (int y = 0; y < toGrid; y++) {
            double sy = (y + 0.5) * scale - 0.5;
            int y0 = (int) Math.floor(sy);
            double[] wy = weights(sy - y0);
            for (int x = 0; x < toGrid; x++) {
                double sx = (x + 0.5) * scale - 0.5;
                int x0 = (int) Math.floor(sx);
                double[] wx = weights(sx - x0);
                int outBase = (extra + y * toGrid + x) * dim;
                for (int c = 0; c < dim; c++) {
                    double acc = 0;
                    for (int i = 0; i < 4; i++) {
                        int yy = clamp(y0 - 1 + i, fromGrid);
                        for (int j = 0; j < 4; j++) {
                            int xx = clamp(x0 - 1 + j, fromGrid);
                            acc += wy[i] * wx[j] * src[(extra + yy * fromGrid + xx) * dim + c];
                        }
                    }
                    dst[outBase + c] = (float) acc;
                }
            }
        }
        return WeightTensor.of(dst, 1, toGrid * toGrid + extra, dim);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** Cubic convolution weights for the 4 neighbours at offsets -1, 0, 1, 2 of fractional position t. */
    private static double[] weights(double t) {
        return new double[] {cubicFar(t + 1), cubicNear(t), cubicNear(1 - t), cubicFar(2 - t)};
    }

    private static double cubicNear(double x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    private static double cubicFar(double x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
