package io.ultraline.ultra;

/**
 * Step 4 of the segmentation: every patch goes to the concept whose aggregated map is highest
 * there ({@code argmax_c M_c[j]}), which is not necessarily the cluster the patch's own token
 * belongs to.
 *
 * <p><b>Tie-break.</b> When several cluster maps share the highest value at a patch, the lowest
 * cluster index wins (cluster indices follow the smallest member token, see {@link Clustering}).
 *
 * <p><b>Compact labels.</b> A cluster whose map wins no patch does not appear in the label grid.
 * The winning clusters are renumbered {@code 0..C-1} in ascending cluster order, so the labels of
 * a segmentation are always dense; {@link PatchLabels#conceptCluster(int)} maps a concept back to
 * its cluster, and the raw per-cluster winner stays available as
 * {@link PatchLabels#winningClusters()}.
 */
public final class PatchLabelling {

    private PatchLabelling() {}

    /**
     * Labels every patch from the cluster maps.
     *
     * @param clusterMaps {@code float[K][N]}, one map per cluster, K at least 1, no NaN
     * @return the raw and compact labels of the N patches
     * @throws IllegalArgumentException if there are no maps, they differ in length or hold NaN
     */
    public static PatchLabels label(float[][] clusterMaps) {
        if (clusterMaps.length == 0) {
            throw new IllegalArgumentException("at least one cluster map is needed");
        }
        int patches = clusterMaps[0].length;
        for (int c = 0; c < clusterMaps.length; c++) {
            if (clusterMaps[c].length != patches) {
                throw new IllegalArgumentException("cluster map " + c + " has " + clusterMaps[c].length
                        + " entries but cluster map 0 has " + patches);
            }
        }
        int[] winners = new int[patches];
        boolean[] wins = new boolean[clusterMaps.length];
        for (int j = 0; j < patches; j++) {
            int best = 0;
            for (int c = 0; c < clusterMaps.length; c++) {
                float v = clusterMaps[c][j];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("cluster map " + c + " is NaN at patch " + j);
                }
                if (v > clusterMaps[best][j]) {
                    best = c;
                }
            }
            winners[j] = best;
            wins[best] = true;
        }
        int[] conceptOfCluster = new int[clusterMaps.length];
        int concepts = 0;
        for (int c = 0; c < wins.length; c++) {
            conceptOfCluster[c] = wins[c] ? concepts++ : -1;
        }
        int[] conceptClusters = new int[concepts];
        for (int c = 0; c < wins.length; c++) {
            if (wins[c]) {
                conceptClusters[conceptOfCluster[c]] = c;
            }
        }
        int[] labels = new int[patches];
        for (int j = 0; j < patches; j++) {
            labels[j] = conceptOfCluster[winners[j]];
        }
        return new PatchLabels(winners, labels, conceptClusters);
    }
}
