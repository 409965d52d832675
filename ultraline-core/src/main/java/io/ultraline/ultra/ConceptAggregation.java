package io.ultraline.ultra;

/**
 * Step 3 of the segmentation: one map per cluster, the sum of its members' (self-entry fixed)
 * maps, min-max normalised to {@code [0, 5]}.
 *
 * <p>Sums and normalisation run in double; the result is rounded to float once. The smallest
 * entry of a normalised map is exactly {@code 0} and the largest exactly {@code 5}. A map whose
 * entries are all equal carries no contrast and becomes all zeros (rather than dividing by zero).
 */
public final class ConceptAggregation {

    /** The value the largest entry of every non-constant concept map is scaled to. */
    public static final float SCALE = 5f;

    private ConceptAggregation() {}

    /**
     * The normalised concept map of every cluster.
     *
     * @param fixedMaps the N self-entry fixed maps, N entries each
     * @param clusters a clustering of the same N tokens
     * @return {@code float[C][N]}; row {@code c} belongs to cluster {@code c}
     * @throws IllegalArgumentException if the sizes disagree
     */
    public static float[][] conceptMaps(float[][] fixedMaps, Clustering clusters) {
        int n = fixedMaps.length;
        if (clusters.tokenCount() != n) {
            throw new IllegalArgumentException(
                    "the clustering covers " + clusters.tokenCount() + " tokens but there are " + n + " maps");
        }
        int mapLength = n == 0 ? 0 : fixedMaps[0].length;
        double[][] sums = new double[clusters.clusterCount()][mapLength];
        for (int token = 0; token < n; token++) {
            float[] map = fixedMaps[token];
            if (map.length != mapLength) {
                throw new IllegalArgumentException(
                        "map " + token + " has " + map.length + " entries but map 0 has " + mapLength);
            }
            double[] sum = sums[clusters.label(token)];
            for (int j = 0; j < mapLength; j++) {
                sum[j] += map[j];
            }
        }
        float[][] out = new float[sums.length][];
        for (int c = 0; c < sums.length; c++) {
            out[c] = normalised(sums[c]);
        }
        return out;
    }

    /**
     * Min-max normalises one map to {@code [0, SCALE]}; a constant (or empty) map gives zeros.
     */
    public static float[] normalised(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[values.length];
        double range = max - min;
        if (!(range > 0)) {
            return out;
        }
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) ((values[j] - min) / range * SCALE);
        }
        return out;
    }
}
