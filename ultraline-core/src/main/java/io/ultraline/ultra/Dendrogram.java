package io.ultraline.ultra;

import java.util.Arrays;

/**
 * The full merge tree of an agglomerative clustering of N leaves, in the layout of scipy's
 * linkage matrix: leaves are nodes {@code 0..N-1}, merge {@code k} (in the order the merges were
 * made, {@code 0..N-2}) creates node {@code N + k} from {@link #first(int)} and
 * {@link #second(int)} at {@link #height(int)}.
 *
 * <p>Of the two children of a merge, {@code first} is the one whose smallest leaf is smaller.
 *
 * <p>Flat clusterings come from the three cuts, all deterministic:
 * <ul>
 *   <li>{@link #cutAtHeight(double)}: scipy {@code fcluster(Z, t, criterion='distance')}: a
 *       subtree is one cluster when no merge inside it is higher than {@code t} (merges at exactly
 *       {@code t} are kept);</li>
 *   <li>{@link #cutToMaxClusters(int)}: scipy {@code criterion='maxclust'}: the height cut at the
 *       smallest threshold that leaves at most {@code k} clusters; when merges tie in height at
 *       that threshold, all of them are kept and fewer than {@code k} clusters may result;
 *       {@code k >= N} keeps no merge at all, even one at height 0;</li>
 *   <li>{@link #cutToClusterCount(int)}: exactly {@code min(k, N)} clusters, by keeping the first
 *       {@code N - k} merges in merge order (so ties in height are settled by merge order).</li>
 * </ul>
 * Instances are immutable.
 */
public final class Dendrogram {

    private final int leafCount;
    private final int[] first;
    private final int[] second;
    private final double[] heights;
    private final int[] sizes;

    /**
     * Wraps merges given in scipy layout; the arrays are copied.
     *
     * @throws IllegalArgumentException if the merges do not form one tree over the leaves, or a
     *     merge's first child does not hold the smaller leaf
     */
    public Dendrogram(int leafCount, int[] first, int[] second, double[] heights) {
        if (leafCount < 1) {
            throw new IllegalArgumentException("a dendrogram needs at least one leaf, got " + leafCount);
        }
        int merges = leafCount - 1;
        if (first.length != merges || second.length != merges || heights.length != merges) {
            throw new IllegalArgumentException("a dendrogram of " + leafCount + " leaves has "
                    + merges + " merges, got arrays of " + first.length + ", " + second.length
                    + " and " + heights.length);
        }
        this.leafCount = leafCount;
        this.first = first.clone();
        this.second = second.clone();
        this.heights = heights.clone();
        this.sizes = new int[merges];
        boolean[] used = new boolean[leafCount + merges];
        int[] smallestLeaf = new int[leafCount + merges];
        for (int leaf = 0; leaf < leafCount; leaf++) {
            smallestLeaf[leaf] = leaf;
        }
        for (int k = 0; k < merges; k++) {
            int node = leafCount + k;
            this.sizes[k] = useChild(used, this.first[k], node) + useChild(used, this.second[k], node);
            if (smallestLeaf[this.first[k]] > smallestLeaf[this.second[k]]) {
                throw new IllegalArgumentException("merge " + k + ": the first child must hold the"
                        + " smaller leaf, but " + this.first[k] + " does not");
            }
            smallestLeaf[node] = smallestLeaf[this.first[k]];
            if (Double.isNaN(this.heights[k])) {
                throw new IllegalArgumentException("merge " + k + " has a NaN height");
            }
        }
    }

    private int useChild(boolean[] used, int child, int node) {
        if (child < 0 || child >= node || used[child]) {
            throw new IllegalArgumentException("node " + node + " cannot take child " + child
                    + ": children must be earlier nodes, each used once");
        }
        used[child] = true;
        return child < leafCount ? 1 : sizes[child - leafCount];
    }

    /** Number of leaves N (tokens). */
    public int leafCount() {
        return leafCount;
    }

    /** Number of merges, {@code N - 1}. */
    public int mergeCount() {
        return heights.length;
    }

    /** Node id of the first child of merge {@code k} (the one holding the smaller leaf). */
    public int first(int k) {
        return first[k];
    }

    /** Node id of the second child of merge {@code k}. */
    public int second(int k) {
        return second[k];
    }

    /** Linkage distance at which merge {@code k} joined its two children. */
    public double height(int k) {
        return heights[k];
    }

    /** Number of leaves under the node created by merge {@code k}. */
    public int size(int k) {
        return sizes[k];
    }

    /** All merge heights in merge order (a copy). */
    public double[] heights() {
        return heights.clone();
    }

    /** Flat clusters whose subtrees contain no merge higher than {@code tau}. */
    public Clustering cutAtHeight(double tau) {
        return DendrogramCut.atHeight(this, tau);
    }

    /** Flat clusters of the lowest height cut that leaves at most {@code k} clusters. */
    public Clustering cutToMaxClusters(int k) {
        return DendrogramCut.toMaxClusters(this, k);
    }

    /** Exactly {@code min(k, N)} flat clusters: the first {@code N - k} merges are kept. */
    public Clustering cutToClusterCount(int k) {
        return DendrogramCut.toClusterCount(this, k);
    }

    @Override
    public String toString() {
        return "Dendrogram[leaves=" + leafCount + ", heights=" + Arrays.toString(heights) + "]";
    }
}
