package io.ultraline.defect;

import java.util.SplittableRandom;

/** Seeded Gaussian token clouds for the tests. */
final class Gaussians {

    private final SplittableRandom random;

    Gaussians(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} row-major tokens of dimension {@code dim}, each N(mean, sigma^2) per axis. */
    float[] tokens(int count, int dim, float mean, float sigma) {
        float[] out = new float[count * dim];
        for (int i = 0; i < out.length; i++) {
            out[i] = mean + sigma * (float) next();
        }
        return out;
    }

    double next() {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    /** Exact Euclidean distance between token {@code i} of {@code a} and token {@code j} of {@code b}. */
    static double distance(float[] a, int i, float[] b, int j, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double diff = (double) a[i * dim + d] - b[j * dim + d];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    /** Index of the token of {@code bank} nearest to query {@code q}, by exact brute force. */
    static int bruteNearest(float[] bank, float[] queries, int q, int dim) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int m = 0; m < bank.length / dim; m++) {
            double d = distance(queries, q, bank, m, dim);
            if (d < bestDistance) {
                bestDistance = d;
                best = m;
            }
        }
        return best;
    }
}
