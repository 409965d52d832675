package io.ultraline.ultra;

/**
 * Representatives of token space as k-means medoids: {@code t} centres seeded by farthest-point
 * sampling and refined by Lloyd's iterations, then, per centre, the token nearest it. Where
 * farthest-point sampling alone favours the extremes of token space (a part's odd border tokens),
 * the medoids sit in the bulk of each kind of token, in proportion to how many patches it covers.
 * A candidate strategy measured with {@link SparseDumpStudy} ({@code -Dstrategy=medoids|hybrid}),
 * not shipped: docs/evaluation.md, "Sparse targets".
 */
final class TokenMedoids {

    static final int ITERATIONS = 10;

    private TokenMedoids() {}

    /** {@code t} distinct tokens (fewer clusters than t are filled up by farthest-point sampling). */
    static int[] choose(float[] tokens, int n, int dim, int t) {
        int[] seeds = FarthestPoints.extend(tokens, n, dim, new int[0], t);
        double[][] centres = new double[t][dim];
        for (int c = 0; c < t; c++) {
            for (int d = 0; d < dim; d++) {
                centres[c][d] = tokens[seeds[c] * dim + d];
            }
        }
        int[] assignment = new int[n];
        for (int it = 0; it < ITERATIONS; it++) {
            for (int i = 0; i < n; i++) {
                assignment[i] = nearest(tokens, i, dim, centres);
            }
            double[][] sums = new double[t][dim];
            int[] counts = new int[t];
            for (int i = 0; i < n; i++) {
                counts[assignment[i]]++;
                for (int d = 0; d < dim; d++) {
                    sums[assignment[i]][d] += tokens[i * dim + d];
                }
            }
            for (int c = 0; c < t; c++) {
                if (counts[c] > 0) {
                    for (int d = 0; d < dim; d++) {
                        centres[c][d] = sums[c][d] / counts[c];
                    }
                }
            }
        }
        boolean[] taken = new boolean[n];
        int[] chosen = new int[t];
        int count = 0;
        for (int c = 0; c < t; c++) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (assignment[i] == c && !taken[i]) {
                    double dist = distance(tokens, i, dim, centres[c]);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = i;
                    }
                }
            }
            if (best >= 0) {
                taken[best] = true;
                chosen[count++] = best;
            }
        }
        if (count < t) {
            int[] seeded = java.util.Arrays.copyOf(chosen, count);
            return FarthestPoints.extend(tokens, n, dim, seeded, t);
        }
        return chosen;
    }

    private static int nearest(float[] tokens, int i, int dim, double[][] centres) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centres.length; c++) {
            double dist = distance(tokens, i, dim, centres[c]);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = c;
            }
        }
        return best;
    }

    private static double distance(float[] tokens, int i, int dim, double[] centre) {
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double diff = tokens[i * dim + d] - centre[d];
            sum += diff * diff;
        }
        return sum;
    }
}
