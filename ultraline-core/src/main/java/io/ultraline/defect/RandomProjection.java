package io.ultraline.defect;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded Gaussian random projection from {@code inDim} to {@code outDim} dimensions, entries
 * drawn from N(0, 1/outDim). By the Johnson-Lindenstrauss lemma it keeps pairwise Euclidean
 * distances within a small relative error with high probability (the error shrinks like
 * {@code 1/sqrt(outDim)}), which is all the coreset's farthest-point search needs. The same
 * seed and sizes always give the same matrix.
 */
final class RandomProjection {

    private final int inDim;
    private final int outDim;
    private final float[] matrix;

    RandomProjection(int inDim, int outDim, long seed) {
        this.inDim = inDim;
        this.outDim = outDim;
        this.matrix = new float[inDim * outDim];
        SplittableRandom random = new SplittableRandom(seed);
        double scale = 1.0 / Math.sqrt(outDim);
        for (int i = 0; i < matrix.length; i++) {
            matrix[i] = (float) (gaussian(random) * scale);
        }
    }

    /**
     * Projects {@code count} row-major tokens and returns them dimension-major,
     * {@code out[p * count + token]}, ready for {@link TiledTokens#fromColumns}.
     */
    float[] projectToColumns(float[] rows, int count) {
        float[] columns = new float[outDim * count];
        float[] projected = new float[outDim];
        for (int token = 0; token < count; token++) {
            Arrays.fill(projected, 0f);
            for (int d = 0; d < inDim; d++) {
                float x = rows[token * inDim + d];
                int base = d * outDim;
                for (int p = 0; p < outDim; p++) {
                    projected[p] += x * matrix[base + p];
                }
            }
            for (int p = 0; p < outDim; p++) {
                columns[p * count + token] = projected[p];
            }
        }
        return columns;
    }

    /** Standard normal by Box-Muller; written out so the sequence never depends on the JDK. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }
}
