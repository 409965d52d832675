package io.ultraline.ultra;

import java.util.Arrays;

/**
 * The outcome of {@link PatchLabelling}: per patch the winning cluster and its compact concept
 * label, and per concept the cluster it stands for. Immutable; array accessors return copies.
 */
public final class PatchLabels {

    private final int[] winningClusters;
    private final int[] labels;
    private final int[] conceptClusters;

    PatchLabels(int[] winningClusters, int[] labels, int[] conceptClusters) {
        this.winningClusters = winningClusters;
        this.labels = labels;
        this.conceptClusters = conceptClusters;
    }

    /** Number of patches N. */
    public int patchCount() {
        return labels.length;
    }

    /** Number of distinct concept labels C: the clusters that win at least one patch. */
    public int conceptCount() {
        return conceptClusters.length;
    }

    /** Concept label of one patch, in {@code 0..C-1}. */
    public int label(int patch) {
        return labels[patch];
    }

    /** Concept label of every patch, row-major (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** Cluster whose map is highest at every patch, before compaction (a copy). */
    public int[] winningClusters() {
        return winningClusters.clone();
    }

    /** The cluster that concept {@code concept} stands for. */
    public int conceptCluster(int concept) {
        return conceptClusters[concept];
    }

    /** The cluster of every concept, ascending (a copy). */
    public int[] conceptClusters() {
        return conceptClusters.clone();
    }

    @Override
    public String toString() {
        return "PatchLabels[concepts=" + conceptCount() + ", labels=" + Arrays.toString(labels) + "]";
    }
}
