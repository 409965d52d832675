package io.ultraline.ultra;

/**
 * The mean silhouette of a partition (Rousseeuw 1987) over a distance matrix: for each point,
 * {@code (b - a) / max(a, b)} with {@code a} its mean distance to the rest of its own cluster and
 * {@code b} its mean distance to the nearest other cluster. Near 1: tight, well-separated clusters;
 * near 0: no structure the partition follows. A point alone in its cluster counts 0, as does a
 * point whose {@code a} and {@code b} are both 0 (all points equal). The joint concept step picks
 * the number of concepts of a frame by it.
 */
final class Silhouette {

    private Silhouette() {}

    /**
     * @param distances symmetric {@code double[n][n]}, zero diagonal
     * @param labels    cluster of each point, {@code 0..C-1}, C at least 2
     * @return the mean silhouette in [-1, 1]
     */
    static double mean(double[][] distances, int[] labels) {
        int n = labels.length;
        int clusters = 0;
        for (int label : labels) {
            clusters = Math.max(clusters, label + 1);
        }
        int[] size = new int[clusters];
        for (int label : labels) {
            size[label]++;
        }
        double total = 0;
        double[] sum = new double[clusters];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(sum, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += distances[i][j];
                }
            }
            int own = labels[i];
            if (size[own] < 2) {
                continue;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < clusters; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sum[c] / size[c]);
                }
            }
            double scale = Math.max(a, b);
            if (b != Double.POSITIVE_INFINITY && scale > 0) {
                total += (b - a) / scale;
            }
        }
        return total / n;
    }
}
