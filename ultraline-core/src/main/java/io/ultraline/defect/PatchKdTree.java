package io.ultraline.defect;

import java.util.Arrays;

/**
 * Exact nearest-neighbour search in a k-d tree over vectors already rotated onto their principal
 * axes (see {@link PrincipalAxes}): most of the spread then sits in the first coordinates, where
 * the splits go, so whole cells are skipped once their distance bound (Arya and Mount's
 * incremental offsets) passes the best distance found. A leaf sums the first block of coordinates
 * for eight of its vectors at once, and each distance stops accumulating, in blocks, once it passes
 * the best. Every distance is summed in float in coordinate order, as a plain scan sums it; the
 * cell bounds err by float rounding at most. Immutable and thread-safe; a query's scratch state
 * lives in its own {@link Search}.
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
    /**
     * The first {@link #head} coordinates of every vector again, leaf by leaf and coordinate by
     * coordinate: a leaf keeps coordinate d of its j-th vector at {@code headStart + d * width + j},
     * its width being its vector count {@link #padded} to whole blocks. A leaf's first sums are then
     * eight independent running sums per load, where one vector at a time is a chain of dependent
     * additions.
     */
    private final float[] heads;
    /** Coordinates in a head: {@link #BLOCK}, or all of them in a tree of fewer dimensions. */
    private final int head;
    /** Where each leaf's head starts in {@link #heads} (unused for inner nodes). */
    private final int[] headStart;

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
        head = Math.min(dim, BLOCK);
        headStart = new int[nodes];
        int slots = 0;
        for (int node = 0; node < nodes; node++) {
            if (splitDim[node] < 0) {
                headStart[node] = slots;
                slots += padded(high[node] - low[node]) * head;
            }
        }
        // padding lanes hold the largest float: their sums overflow to infinity and never win
        heads = new float[slots];
        Arrays.fill(heads, Float.MAX_VALUE);
        for (int node = 0; node < nodes; node++) {
            if (splitDim[node] < 0) {
                int lo = low[node];
                int width = padded(high[node] - lo);
                for (int j = 0; j < high[node] - lo; j++) {
                    for (int d = 0; d < head; d++) {
                        heads[headStart[node] + d * width + j] = vectors[(lo + j) * dim + d];
                    }
                }
            }
        }
    }

    /** A leaf's lanes in {@link #heads}: its vector count rounded up to a multiple of {@link #BLOCK}. */
    private static int padded(int count) {
        return (count + BLOCK - 1) / BLOCK * BLOCK;
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
                take(q, k, 0, 0f);
            }
        }

        /**
         * Considers every vector of a leaf in order, as {@link #consider} would one by one: the
         * first block's sums come from {@link #heads} for the whole leaf at once, and only a vector
         * whose sum is still under the best goes on. The sums are the same floats in the same
         * order, so the same vectors win.
         */
        private void scanLeaf(int node, float[] q) {
            int lo = low[node];
            int count = high[node] - lo;
            int width = padded(count);
            int start = headStart[node];
            for (int chunk = 0; chunk < width; chunk += BLOCK) {
                // eight independent sums in registers instead of one dependent chain per vector
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (int d = 0; d < head; d++) {
                    float qd = q[d];
                    int at = start + d * width + chunk;
                    float t0 = qd - heads[at];
                    float t1 = qd - heads[at + 1];
                    float t2 = qd - heads[at + 2];
                    float t3 = qd - heads[at + 3];
                    float t4 = qd - heads[at + 4];
                    float t5 = qd - heads[at + 5];
                    float t6 = qd - heads[at + 6];
                    float t7 = qd - heads[at + 7];
                    s0 += t0 * t0;
                    s1 += t1 * t1;
                    s2 += t2 * t2;
                    s3 += t3 * t3;
                    s4 += t4 * t4;
                    s5 += t5 * t5;
                    s6 += t6 * t6;
                    s7 += t7 * t7;
                }
                int k = lo + chunk;
                int last = Math.min(count - chunk, BLOCK);
                if (s0 < best) take(q, k, head, s0);
                if (1 < last && s1 < best) take(q, k + 1, head, s1);
                if (2 < last && s2 < best) take(q, k + 2, head, s2);
                if (3 < last && s3 < best) take(q, k + 3, head, s3);
                if (4 < last && s4 < best) take(q, k + 4, head, s4);
                if (5 < last && s5 < best) take(q, k + 5, head, s5);
                if (6 < last && s6 < best) take(q, k + 6, head, s6);
                if (7 < last && s7 < best) take(q, k + 7, head, s7);
            }
        }

        /**
         * Finishes vector k's distance from the sum of its coordinates before {@code from} and keeps
         * it if it is the best yet.
         */
        private void take(float[] q, int k, int from, float partialSum) {
            float s = distanceFrom(q, k, from, partialSum, best);
            if (s < best) {
                best = s;
                bestIndex = k;
            }
        }

        private void visit(int node, float bound, float[] q) {
            if (best <= stopAt) {
                return;
            }
            int d = splitDim[node];
            if (d < 0) {
                scanLeaf(node, q);
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

    /**
     * The squared distance of vector k, summed in coordinate order from {@code s}, the sum of its
     * coordinates before {@code from}; or any value of at least {@code bound} once the sum
     * reaches it, checked after each block of {@link #BLOCK} coordinates.
     */
    private float distanceFrom(float[] q, int k, int from, float s, float bound) {
        int off = k * dim;
        int d = from;
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
