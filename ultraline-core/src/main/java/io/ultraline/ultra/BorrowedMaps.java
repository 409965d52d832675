package io.ultraline.ultra;

/**
 * The map a patch that is no target would have, estimated from the T target maps (issue 21): the
 * mean of the target maps weighted by how near each target's token is to the patch's own,
 * {@code w_k = exp(-(d_k - d_min) / d_min)} over squared token distances, so the nearest target
 * weighs 1, one twice as far {@code e^-1}, and the estimate is the nearest map exactly when a token
 * repeats a target's. A target keeps its own map.
 *
 * <p>Why not the nearest target's map alone: a patch between two kinds of tokens then carries a
 * sharp map it does not have, and the clustering splits on it. Blending lifted the agreement of T =
 * 8 with all 64 maps from 0.79 / 0.98 / 0.61 / 0.85 to 0.89 / 1.00 / 0.76 / 0.89 on the scene sets
 * (mosaic, conveyor, tiles, real mosaic; docs/evaluation.md, "Sparse targets").
 */
final class BorrowedMaps {

    private BorrowedMaps() {}

    /**
     * @param unitMaps {@code float[T][N]}, the targets' maps, each of unit length
     * @param targets  the patch of each map
     * @param centred  {@code float[N][D]}, every patch's token, centred and scaled as {@link JointConcepts} scales it
     * @return {@code float[N][N]}: each patch's map, of unit length (a target's is its own)
     */
    static float[][] estimate(float[][] unitMaps, int[] targets, float[][] centred) {
        int n = centred.length;
        int[] rowOf = new int[n];
        java.util.Arrays.fill(rowOf, -1);
        for (int k = 0; k < targets.length; k++) {
            rowOf[targets[k]] = k;
        }
        float[][] out = new float[n][];
        double[] distances = new double[targets.length];
        for (int p = 0; p < n; p++) {
            if (rowOf[p] >= 0) {
                out[p] = unitMaps[rowOf[p]];
                continue;
            }
            double nearest = Double.POSITIVE_INFINITY;
            for (int k = 0; k < targets.length; k++) {
                distances[k] = squaredDistance(centred[p], centred[targets[k]]);
                nearest = Math.min(nearest, distances[k]);
            }
            out[p] = blend(unitMaps, distances, nearest);
        }
        return out;
    }

    private static float[] blend(float[][] unitMaps, double[] distances, double nearest) {
        double scale = Math.max(nearest, 1e-12);
        double[] sum = new double[unitMaps[0].length];
        for (int k = 0; k < unitMaps.length; k++) {
            double w = Math.exp(-(distances[k] - nearest) / scale);
            if (w < 1e-6) {
                continue;
            }
            float[] map = unitMaps[k];
            for (int j = 0; j < sum.length; j++) {
                sum[j] += w * map[j];
            }
        }
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] unit = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            unit[j] = norm > 0 ? (float) (sum[j] / norm) : 0f;
        }
        return unit;
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }
}
