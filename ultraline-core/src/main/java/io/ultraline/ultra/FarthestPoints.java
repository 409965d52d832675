package io.ultraline.ultra;

import java.util.Arrays;

/**
 * Farthest-point sampling of token vectors, the representative choice of {@link TargetStrategy}:
 * a greedy cover of token space, so that a concept covering few patches still gets a map early.
 */
final class FarthestPoints {

    private FarthestPoints() {}

    /**
     * Extends {@code seeds} to {@code t} distinct tokens: each next token is the one whose nearest
     * chosen token is farthest (squared Euclidean; ties to the lower index). Without seeds the
     * first token is the one nearest the mean token, a typical token rather than an outlier.
     *
     * @return the seeds followed by the tokens added, in the order chosen
     */
    static int[] extend(float[] tokens, int n, int dim, int[] seeds, int t) {
        int[] chosen = new int[t];
        boolean[] taken = new boolean[n];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int count = 0;
        for (int s : seeds) {
            if (count < t && !taken[s]) {
                count = take(tokens, n, dim, s, chosen, count, taken, nearest);
            }
        }
        if (count == 0) {
            count = take(tokens, n, dim, nearestToMean(tokens, n, dim), chosen, count, taken, nearest);
        }
        while (count < t) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (!taken[i] && (best < 0 || nearest[i] > nearest[best])) {
                    best = i;
                }
            }
            count = take(tokens, n, dim, best, chosen, count, taken, nearest);
        }
        return chosen;
    }

    private static int take(
            float[] tokens, int n, int dim, int token, int[] chosen, int count, boolean[] taken, double[] nearest) {
        chosen[count] = token;
        taken[token] = true;
        for (int i = 0; i < n; i++) {
            nearest[i] = Math.min(nearest[i], squaredDistance(tokens, i * dim, token * dim, dim));
        }
        return count + 1;
    }

    private static int nearestToMean(float[] tokens, int n, int dim) {
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < dim; d++) {
                mean[d] += tokens[i * dim + d];
            }
        }
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int d = 0; d < dim; d++) {
                double diff = tokens[i * dim + d] - mean[d] / n;
                sum += diff * diff;
            }
            if (sum < bestDistance) {
                bestDistance = sum;
                best = i;
            }
        }
        return best;
    }

    private static double squaredDistance(float[] tokens, int a, int b, int dim) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double diff = tokens[a + d] - tokens[b + d];
            sum += diff * diff;
        }
        return sum;
    }
}
