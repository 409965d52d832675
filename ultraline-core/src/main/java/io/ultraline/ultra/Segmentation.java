package io.ultraline.ultra;

import java.util.Arrays;

/**
 * The ULTra segmentation of one image. Immutable: arrays are copied in, and every array accessor
 * returns a fresh copy (use the single-value accessors in loops). Equality compares contents.
 *
 * @param gridHeight token rows
 * @param gridWidth token columns; N = gridHeight * gridWidth
 * @param fixedMaps the T target maps after the self-entry fix, {@code float[T][N]}: row {@code k}
 *     is the map of patch {@code targets[k]}; T = N and row i = patch i when all tokens were targets
 * @param clusters which cluster each target's map fell into (K clusters); its "tokens" are the
 *     rows {@code 0..T-1} of fixedMaps, so member {@code k} stands for patch {@code targets[k]}
 * @param clusterMaps the normalised map of every cluster, {@code float[K][N]} in [0, 5]
 * @param labels the concept label of every patch, row-major, in {@code 0..C-1}
 * @param conceptClusters the cluster each concept stands for, ascending, {@code int[C]}
 * @param targets the patch whose map each row of fixedMaps is, T distinct indices in {@code 0..N-1}
 */
public record Segmentation(
        int gridHeight,
        int gridWidth,
        float[][] fixedMaps,
        Clustering clusters,
        float[][] clusterMaps,
        int[] labels,
        int[] conceptClusters,
        int[] targets) {

    /** Checks that the parts agree in size and copies them. */
    public Segmentation {
        int n = gridHeight * gridWidth;
        if (labels.length != n) {
            throw new IllegalArgumentException(
                    "a " + gridHeight + " x " + gridWidth + " grid needs " + n + " patch labels, got " + labels.length);
        }
        MapsValidation.requireTargets(targets, n);
        if (fixedMaps.length != targets.length || clusters.tokenCount() != targets.length) {
            throw new IllegalArgumentException(targets.length + " targets need as many maps and cluster"
                    + " labels; got " + fixedMaps.length + " and " + clusters.tokenCount());
        }
        for (int k = 0; k < fixedMaps.length; k++) {
            if (fixedMaps[k].length != n) {
                throw new IllegalArgumentException(
                        "map " + k + " has " + fixedMaps[k].length + " entries, expected one per patch (" + n + ")");
            }
        }
        if (clusterMaps.length != clusters.clusterCount()) {
            throw new IllegalArgumentException(
                    "expected one map per cluster (" + clusters.clusterCount() + "), got " + clusterMaps.length);
        }
        for (int cluster : conceptClusters) {
            if (cluster < 0 || cluster >= clusterMaps.length) {
                throw new IllegalArgumentException(
                        "concept cluster " + cluster + " is outside 0.." + (clusterMaps.length - 1));
            }
        }
        for (int label : labels) {
            if (label < 0 || label >= conceptClusters.length) {
                throw new IllegalArgumentException(
                        "patch label " + label + " is outside 0.." + (conceptClusters.length - 1));
            }
        }
        fixedMaps = deepCopy(fixedMaps);
        clusterMaps = deepCopy(clusterMaps);
        labels = labels.clone();
        conceptClusters = conceptClusters.clone();
        targets = targets.clone();
    }

    /** A segmentation from the maps of all N patch tokens (targets 0..N-1). */
    public Segmentation(
            int gridHeight,
            int gridWidth,
            float[][] fixedMaps,
            Clustering clusters,
            float[][] clusterMaps,
            int[] labels,
            int[] conceptClusters) {
        this(
                gridHeight,
                gridWidth,
                fixedMaps,
                clusters,
                clusterMaps,
                labels,
                conceptClusters,
                UltraSegmenter.allTargets(gridHeight * gridWidth));
    }

    /** Number of target maps T (N when every patch token was a target). */
    public int targetCount() {
        return targets.length;
    }

    /** Whether every patch token has its own map (T = N). */
    public boolean allTargets() {
        return targets.length == gridHeight * gridWidth;
    }

    /** The row of fixedMaps that holds the map of {@code patch}, or -1 when it was no target. */
    public int rowOf(int patch) {
        for (int k = 0; k < targets.length; k++) {
            if (targets[k] == patch) {
                return k;
            }
        }
        return -1;
    }

    /** The self-entry fixed map of {@code patch} (a copy), or null when it was no target. */
    public float[] fixedMapOf(int patch) {
        int row = rowOf(patch);
        return row < 0 ? null : fixedMaps[row].clone();
    }

    /** Number of concepts C: distinct patch labels. */
    public int conceptCount() {
        return conceptClusters.length;
    }

    /** Concept label of one patch. */
    public int label(int patch) {
        return labels[patch];
    }

    /** The normalised map of concept {@code concept}, {@code float[N]} in [0, 5] (a copy). */
    public float[] conceptMap(int concept) {
        return clusterMaps[conceptClusters[concept]].clone();
    }

    /** The maps of all concepts, {@code float[C][N]} (a copy). */
    public float[][] conceptMaps() {
        float[][] out = new float[conceptClusters.length][];
        for (int c = 0; c < out.length; c++) {
            out[c] = conceptMap(c);
        }
        return out;
    }

    /** The patches labelled {@code concept}, as a run-length token mask. */
    public RunLengthMask conceptMask(int concept) {
        return RunLengthMask.encode(MaskUpsampling.cellMask(labels, concept), gridHeight, gridWidth);
    }

    @Override
    public float[][] fixedMaps() {
        return deepCopy(fixedMaps);
    }

    @Override
    public float[][] clusterMaps() {
        return deepCopy(clusterMaps);
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] conceptClusters() {
        return conceptClusters.clone();
    }

    @Override
    public int[] targets() {
        return targets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segmentation s
                && gridHeight == s.gridHeight
                && gridWidth == s.gridWidth
                && clusters.equals(s.clusters)
                && Arrays.equals(labels, s.labels)
                && Arrays.equals(conceptClusters, s.conceptClusters)
                && Arrays.equals(targets, s.targets)
                && Arrays.deepEquals(fixedMaps, s.fixedMaps)
                && Arrays.deepEquals(clusterMaps, s.clusterMaps);
    }

    @Override
    public int hashCode() {
        return 31 * clusters.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Segmentation[" + gridHeight + "x" + gridWidth + ", clusters="
                + clusters.clusterCount() + ", targets=" + targets.length + ", concepts=" + conceptCount() + ", labels="
                + Arrays.toString(labels) + "]";
    }

    private static float[][] deepCopy(float[][] rows) {
        float[][] copy = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
