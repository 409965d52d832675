package io.ultraline.ultra;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means run on the squared Euclidean distances of the points instead of the points
 * themselves, with k-means++ seeding and seeded restarts. The squared distance of point i to the
 * mean of a set C is {@code (1/|C|) sum_j d2[i][j] - (1/(2|C|^2)) sum_{j,l} d2[j][l]} (both sums
 * over C), so an iteration costs O(n^2) whatever the dimension and k. The joint concept step
 * computes the distance matrix once for the silhouette anyway, and tries seven values of k on it.
 * Deterministic for a given seed. A cluster that loses all its points stays empty.
 */
final class DistanceKMeans {

    static final int RESTARTS = 4;
    static final int MAX_ITERATIONS = 100;

    private DistanceKMeans() {}

    /**
     * @param d2   squared Euclidean distances, symmetric {@code double[n][n]}, zero diagonal
     * @param k    1..n clusters
     * @return each point's cluster, 0..k-1 (some may be empty)
     */
    static int[] cluster(double[][] d2, int k, long seed) {
        int n = d2.length;
        if (n == 0 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n points, got k " + k + " for " + n + " points");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            int[] labels = nearestSeed(d2, seeds(d2, k, random));
            double cost = lloyd(d2, k, labels);
            if (cost < bestCost) {
                bestCost = cost;
                best = labels;
            }
        }
        return best;
    }

    /** k-means++: each next seed drawn with probability proportional to its squared distance. */
    private static int[] seeds(double[][] d2, int k, SplittableRandom random) {
        int n = d2.length;
        int[] seeds = new int[k];
        seeds[0] = random.nextInt(n);
        double[] nearest = d2[seeds[0]].clone();
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (double v : nearest) {
                sum += v;
            }
            int pick = random.nextInt(n);
            if (sum > 0) {
                double target = random.nextDouble() * sum;
                for (int i = 0; i < n; i++) {
                    target -= nearest[i];
                    if (target < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            seeds[c] = pick;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], d2[i][pick]);
            }
        }
        return seeds;
    }

    private static int[] nearestSeed(double[][] d2, int[] seeds) {
        int[] labels = new int[d2.length];
        for (int i = 0; i < d2.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < seeds.length; c++) {
                if (d2[i][seeds[c]] < best) {
                    best = d2[i][seeds[c]];
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /** Iterates to a fixed point (or the cap); returns the within-cluster sum of squares. */
    private static double lloyd(double[][] d2, int k, int[] labels) {
        int n = d2.length;
        double[][] toCluster = new double[n][k];
        int[] size = new int[k];
        double[] spread = new double[k];
        double cost = 0;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            java.util.Arrays.fill(size, 0);
            java.util.Arrays.fill(spread, 0);
            for (double[] row : toCluster) {
                java.util.Arrays.fill(row, 0);
            }
            for (int i = 0; i < n; i++) {
                size[labels[i]]++;
                for (int j = 0; j < n; j++) {
                    toCluster[i][labels[j]] += d2[i][j];
                }
            }
            for (int i = 0; i < n; i++) {
                spread[labels[i]] += toCluster[i][labels[i]];
            }
            boolean changed = false;
            cost = 0;
            for (int i = 0; i < n; i++) {
                int nearest = labels[i];
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    if (size[c] == 0) {
                        continue;
                    }
                    double distance = toCluster[i][c] / size[c] - spread[c] / (2.0 * size[c] * size[c]);
                    if (distance < best) {
                        best = distance;
                        nearest = c;
                    }
                }
                changed |= nearest != labels[i];
                labels[i] = nearest;
                cost += Math.max(0, best);
            }
            if (!changed) {
                break;
            }
        }
        return cost;
    }
}
