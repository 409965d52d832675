package io.ultraline.defect;

import java.util.Arrays;

/**
 * Exact nearest-neighbour search in a k-d tree over vectors already rotated onto their principal
 * axes (see {@link PrincipalAxes}): most of the spread then sits in the first coordinates, where
 * the splits go, so whole cells are skipped once their distance bound (Arya and Mount's
 * incremental offsets) passes the best distance found. Inside a leaf each distance stops
 * accumulating, in blocks, once it passes the best. Exact up to float rounding. Immutable and
 * thread-safe; a query's scratch state lives in its own {@link Search}.
 */
public final class PatchKdTree {

    private static final int LEAF = 16;
    private static final int BLOCK = 8;
    /** Splits consider only the leading coordinates: the trailing ones hold little spread. */
    private static final int SPLIT_DIMS = 48;

    private final int dim;
    private final float[] vectors;
    /** Nodes built so far (during construction only). */
    private int nodes;

    private final int[] splitDim;
    private final float[] splitValue;
    private final int[] low;
    private final int[] high;
    private final int[] left;
    private final int[] right;

    /** A tree over row-major vectors of {@code dim} values (copied). */
    public PatchKdTree(float[] flat, int dim) {
        if (dim < 1 || flat.length == 0 || flat.length % dim != 0) {
            throw new IllegalArgumentException(
                    "the tree needs a positive number of whole " + dim + "-vectors, got " + flat.length + " values");
        }
        this.dim = dim;
        int n = flat.length / dim;
        // median splits leave leaves of at least LEAF / 2 vectors
        int capacity = 2 * (n / (LEAF / 2) + 1) + 1;
        splitDim = new int[capacity];
        splitValue = new float[capacity];
        low = new int[capacity];
        high = new int[capacity];
        left = new int[capacity];
        right = new int[capacity];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        build(flat, index, 0, n);
        vectors = new float[flat.length];
        for (int k = 0; k < n; k++) {
            System.arraycopy(flat, index[k] * dim, vectors, k * dim, dim);
        }
    }

    /** Vectors in the tree. */
    public int size() {
        return vectors.length / dim;
    }

    /** Builds the node for index[lo..hi) and returns its number. */
    private int build(float[] flat, int[] index, int lo, int hi) {
        int node = nodes++;
        low[node] = lo;
        high[node] = hi;
        splitDim[node] = -1;
        if (hi - lo <= LEAF) {
            return node;
        }
        int best = -1;
        float widest = 0;
        for (int d = 0; d < Math.min(dim, SPLIT_DIMS); d++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int k = lo; k < hi; k++) {
                float v = flat[index[k] * dim + d];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (max - min > widest) {
                widest = max - min;
                best = d;
            }
        }
        if (best < 0) {
            return node; // all equal on the leading coordinates: a (large) leaf is still exact
        }
        sortBy(flat, index, lo, hi, best);
        int mid = (lo + hi) >>> 1;
        splitDim[node] = best;
        splitValue[node] = flat[index[mid] * dim + best];
        left[node] = build(flat, index, lo, mid);
        right[node] = build(flat, index, mid, hi);
        return node;
    }

    /** Sorts index[lo..hi) by coordinate d (float bits made order-preserving, ties by index). */
    private void sortBy(float[] flat, int[] index, int lo, int hi, int d) {
        long[] keys = new long[hi - lo];
        for (int k = lo; k < hi; k++) {
            int bits = Float.floatToIntBits(flat[index[k] * dim + d] + 0f);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[k - lo] = ((long) ordered << 32) | (index[k] & 0xffffffffL);
        }
        Arrays.sort(keys);
        for (int k = lo; k < hi; k++) {
            index[k] = (int) keys[k - lo];
        }
    }

    /**
     * The distance of every patch of {@code image} to its nearest vector, each patch rotated by
     * {@code axes} first (the vectors here must be rotated the same way), in the grid's order.
     */
    public float[] patchDistances(PatchGrid grid, PrincipalAxes axes, float[] image) {
        return patchDistances(grid, axes, image, 0f);
    }

    /**
     * As {@link #patchDistances(PatchGrid, PrincipalAxes, float[])}, but a patch's search stops as
     * soon as it finds a vector within {@code closeEnough}: distances at or above it are exact, and
     * a smaller one is reported as some value between the true distance and {@code closeEnough}
     * (deterministic: the same input gives the same value). 0 keeps every distance exact.
     */
    public float[] patchDistances(PatchGrid grid, PrincipalAxes axes, float[] image, float closeEnough) {
        int values = grid.dim();
        float[] patches = new float[grid.count() * values];
        grid.extractAll(image, patches, 0);
        int k = axes.components();
        // all patches in one matrix product: the same floats as rotating them one by one, faster
        float[] rotated = axes.rotateRows(patches, grid.count());
        float[] distances = new float[grid.count()];
        float[] query = new float[k];
        Search search = new Search();
        search.stopAt = closeEnough * closeEnough;
        int columns = grid.columns();
        int[] nearest = new int[distances.length];
        for (int i = 0; i < distances.length; i++) {
            System.arraycopy(rotated, i * k, query, 0, k);
            // overlapping neighbours look alike, so their nearest vectors bound this search tightly
            int leftHint = i % columns == 0 ? -1 : nearest[i - 1];
            int upHint = i < columns ? -1 : nearest[i - columns];
            distances[i] = (float) Math.sqrt(search.nearestSquared(query, leftHint, upHint));
            nearest[i] = search.bestIndex;
        }
        return distances;
    }

    /** A query's state: not shared between threads. */
    public final class Search {
        private final float[] offsets = new float[dim];
        private float best;
        private int bestIndex;
        /** A squared distance at which the search may stop; 0 searches exactly. */
        private float stopAt;

        /** Squared distance from the (rotated) query to its nearest vector. */
        public float nearestSquared(float[] query) {
            return nearestSquared(query, -1, -1);
        }

        /**
         * As {@link #nearestSquared(float[])}, starting from the distances to two stored vectors
         * (by their position in the tree, as {@link #bestIndex} reports it; -1 for none): a close
         * start prunes most cells at once and leaves the result unchanged.
         */
        float nearestSquared(float[] query, int hint, int otherHint) {
            if (query.length != dim) {
                throw new IllegalArgumentException("query has " + query.length + " values, the tree " + dim);
            }
            Arrays.fill(offsets, 0f);
            best = Float.POSITIVE_INFINITY;
            bestIndex = -1;
            consider(query, hint);
            consider(query, otherHint);
            visit(0, 0f, query);
            return best;
        }

        private void consider(float[] q, int k) {
            if (k >= 0) {
                float s = partialDistance(q, k, best);
                if (s < best) {
                    best = s;
                    bestIndex = k;
                }
            }
        }

        private void visit(int node, float bound, float[] q) {
            if (best <= stopAt) {
                return;
            }
            int d = splitDim[node];
            if (d < 0) {
                for (int k = low[node]; k < high[node]; k++) {
                    consider(q, k);
                }
                return;
            }
            float diff = q[d] - splitValue[node];
            int first = left[node];
            int second = right[node];
            if (diff >= 0) {
                int t = first;
                first = second;
                second = t;
            }
            visit(first, bound, q);
            float old = offsets[d];
            float farBound = bound - old * old + diff * diff;
            if (farBound < best) {
                offsets[d] = diff;
                visit(second, farBound, q);
                offsets[d] = old;
            }
        }
    }

    /** The squared distance, or any value of at least {@code bound} once the sum reaches it. */
    private float partialDistance(float[] q, int k, float bound) {
        int off = k * dim;
        float s = 0;
        int d = 0;
        while (d < dim) {
            int end = Math.min(dim, d + BLOCK);
            for (; d < end; d++) {
                float t = q[d] - vectors[off + d];
                s += t * t;
            }
            if (s >= bound) {
                return s;
            }
        }
        return s;
    }
}
