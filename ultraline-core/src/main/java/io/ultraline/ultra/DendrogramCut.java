package io.ultraline.ultra;

import java.util.Arrays;

/**
 * The three ways of cutting a {@link Dendrogram} into flat clusters; see its javadoc for the
 * semantics. A height cut looks at the highest merge inside each subtree (scipy's cophenetic
 * "max_dists"), not only at the subtree's own top merge, so that it stays a proper cut of the
 * tree even if rounding makes a parent merge a hair lower than a child.
 */
final class DendrogramCut {

    private DendrogramCut() {}

    static Clustering atHeight(Dendrogram tree, double tau) {
        if (Double.isNaN(tau)) {
            throw new IllegalArgumentException("the cut height must not be NaN");
        }
        double[] subtreeMax = subtreeMaxHeights(tree);
        boolean[] keep = new boolean[subtreeMax.length];
        for (int k = 0; k < keep.length; k++) {
            keep[k] = subtreeMax[k] <= tau;
        }
        return apply(tree, keep);
    }

    static Clustering toMaxClusters(Dendrogram tree, int maxClusters) {
        requirePositive(maxClusters);
        int merges = tree.mergeCount();
        int needed = tree.leafCount() - maxClusters;
        if (needed <= 0) {
            return apply(tree, new boolean[merges]);
        }
        double[] sorted = subtreeMaxHeights(tree);
        Arrays.sort(sorted);
        return atHeight(tree, sorted[needed - 1]);
    }

    static Clustering toClusterCount(Dendrogram tree, int clusters) {
        requirePositive(clusters);
        boolean[] keep = new boolean[tree.mergeCount()];
        int needed = Math.max(0, tree.leafCount() - clusters);
        Arrays.fill(keep, 0, needed, true);
        return apply(tree, keep);
    }

    private static void requirePositive(int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("the number of clusters must be at least 1, got " + clusters);
        }
    }

    private static double[] subtreeMaxHeights(Dendrogram tree) {
        int n = tree.leafCount();
        double[] max = new double[tree.mergeCount()];
        for (int k = 0; k < max.length; k++) {
            max[k] = tree.height(k);
            for (int child : new int[] {tree.first(k), tree.second(k)}) {
                if (child >= n) {
                    max[k] = Math.max(max[k], max[child - n]);
                }
            }
        }
        return max;
    }

    /** Joins the children of every kept merge; a kept merge never has a cut merge below it. */
    private static Clustering apply(Dendrogram tree, boolean[] keep) {
        int n = tree.leafCount();
        int[] group = new int[n + keep.length];
        for (int node = 0; node < group.length; node++) {
            group[node] = node;
        }
        for (int k = keep.length - 1; k >= 0; k--) {
            if (keep[k]) {
                group[tree.first(k)] = group[n + k];
                group[tree.second(k)] = group[n + k];
            }
        }
        return Clustering.ofGroups(Arrays.copyOf(group, n));
    }
}
