package io.ultraline.ultra.eval;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding and a few seeded restarts (the lowest within-cluster sum
 * of squares wins): the naive anchors that concept segmentation has to beat. Deterministic for a
 * given seed. (The joint concept step runs the same algorithm on a distance matrix instead.)
 */
public final class KMeans {

    static final int RESTARTS = 4;
    static final int MAX_ITERATIONS = 100;

    private KMeans() {}

    /**
     * Clusters the points.
     *
     * @param points {@code float[n][d]}, n >= 1, all rows of the same length, finite
     * @param k      1..n clusters
     * @return each point's cluster, 0..k-1 (a cluster may end up empty when points coincide)
     */
    public static int[] cluster(float[][] points, int k, long seed) {
        int n = points.length;
        if (n == 0 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n points, got k " + k + " for " + n + " points");
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int restart = 0; restart < RESTARTS; restart++) {
            float[][] centres = seeds(points, k, r);
            int[] labels = new int[n];
            double cost = lloyd(points, centres, labels);
            if (cost < bestCost) {
                bestCost = cost;
                best = labels;
            }
        }
        return best;
    }

    /** k-means++: each next centre drawn with probability proportional to its squared distance. */
    private static float[][] seeds(float[][] points, int k, SplittableRandom r) {
        int n = points.length;
        float[][] centres = new float[k][];
        centres[0] = points[r.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = distance2(points[i], centres[0]);
        }
        for (int c = 1; c < k; c++) {
            double sum = 0;
            for (double v : d2) {
                sum += v;
            }
            int pick = r.nextInt(n);
            if (sum > 0) {
                double target = r.nextDouble() * sum;
                for (int i = 0; i < n; i++) {
                    target -= d2[i];
                    if (target < 0) {
                        pick = i;
                        break;
                    }
                }
            }
            centres[c] = points[pick].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], distance2(points[i], centres[c]));
            }
        }
        return centres;
    }

    /** Iterates to a fixed point (or the cap); returns the within-cluster sum of squares. */
    private static double lloyd(float[][] points, float[][] centres, int[] labels) {
        int n = points.length;
        int d = points[0].length;
        int k = centres.length;
        double cost = 0;
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean changed = it == 0;
            cost = 0;
            for (int i = 0; i < n; i++) {
                int nearest = 0;
                double bestD = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = distance2(points[i], centres[c]);
                    if (dist < bestD) {
                        bestD = dist;
                        nearest = c;
                    }
                }
                changed |= labels[i] != nearest;
                labels[i] = nearest;
                cost += bestD;
            }
            if (!changed) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] sizes = new int[k];
            for (int i = 0; i < n; i++) {
                sizes[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += points[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = (float) (sums[c][j] / sizes[c]);
                    }
                }
            }
        }
        return cost;
    }

    private static double distance2(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("points differ in dimension: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - b[j];
            s += t * t;
        }
        return s;
    }
}
