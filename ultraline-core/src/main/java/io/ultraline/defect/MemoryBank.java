package io.ultraline.defect;

import java.util.Arrays;

/**
 * An immutable bank of normal patch tokens with exact nearest-neighbour queries under the
 * Euclidean distance, by brute force.
 *
 * <p>Speed: every query is compared with every bank token as
 * {@code |q - x|^2 = |q|^2 + |x|^2 - 2 q.x}, with the bank's squared norms computed once and the
 * dot products running over a {@link TiledTokens} layout that the JIT vectorises. The identity
 * loses precision when a distance is small next to the norms (float cancellation), so it only
 * picks the winner: the distance reported for the winner is then recomputed directly from the
 * two vectors. A reported distance is therefore the exact distance to a bank token, and that
 * token is the nearest one up to near-ties within the cancellation error; a bank token queried
 * against its own bank gives 0 unless another bank token lies within that error of it.
 *
 * <p>Cost is {@code N * M * D} multiply-adds per call. The loops run tile by tile over the bank
 * with all queries inside, so each tile is read from memory once per call. Measured single
 * threaded on a shared machine ({@code DefectBenchmark} in the tests): about 2 ms for 64 queries
 * against 4096 tokens of dimension 96, about 55 ms for 196 queries against 4096 x 768.
 *
 * <p>Thread-safe: queries allocate their own scratch space.
 */
public final class MemoryBank {

    private final TiledTokens tokens;
    private final float[] norms;

    private MemoryBank(TiledTokens tokens) {
        this.tokens = tokens;
        this.norms = tokens.squaredNorms();
    }

    /**
     * A bank of the row-major tokens {@code rows} ({@code size * dim} floats), copied.
     *
     * @throws IllegalArgumentException if {@code dim < 1}, there is no token, the length is not
     *     a multiple of {@code dim}, or a value is NaN or infinite
     */
    public static MemoryBank of(float[] rows, int dim) {
        requireTokens(rows, dim, "bank");
        return new MemoryBank(TiledTokens.fromRows(rows, dim));
    }

    /** Number of tokens M. */
    public int size() {
        return tokens.count();
    }

    /** Token dimension D. */
    public int dim() {
        return tokens.dim();
    }

    /** Token {@code index}, a copy. */
    public float[] token(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("token " + index + " of " + size());
        }
        return tokens.token(index);
    }

    /** All tokens, row-major ({@code size * dim} floats), a copy. */
    public float[] rows() {
        float[] out = new float[size() * dim()];
        tokens.copyRows(out, 0);
        return out;
    }

    /**
     * Distance from every query to its nearest bank token.
     *
     * @param queries row-major queries, {@code n * dim} floats
     * @return {@code float[n]}
     * @throws IllegalArgumentException if the length is not a positive multiple of {@link #dim}
     */
    public float[] nearestDistances(float[] queries) {
        float[] distances = new float[queryCount(queries)];
        search(queries, distances, new int[distances.length]);
        return distances;
    }

    /** Index of every query's nearest bank token (lowest index on exact ties). */
    public int[] nearestIndices(float[] queries) {
        int[] indices = new int[queryCount(queries)];
        search(queries, new float[indices.length], indices);
        return indices;
    }

    private void search(float[] queries, float[] distances, int[] indices) {
        int dim = dim();
        int count = distances.length;
        float[] best = new float[count];
        Arrays.fill(best, Float.POSITIVE_INFINITY);
        float[] dots = new float[TiledTokens.TILE];
        // tiles outside, queries inside: a tile is read from memory once per call and then
        // served from cache to every query, which matters once a bank outgrows the caches
        for (int tile = 0; tile < tokens.tiles(); tile++) {
            int valid = tokens.validInTile(tile);
            int normBase = tile * TiledTokens.TILE;
            for (int q = 0; q < count; q++) {
                tokens.dots(queries, q * dim, tile, dots);
                float queryBest = best[q];
                int queryIndex = indices[q];
                for (int t = 0; t < valid; t++) {
                    // |q|^2 is the same for every candidate, so it is left out of the comparison
                    float partial = norms[normBase + t] - 2f * dots[t];
                    if (partial < queryBest) {
                        queryBest = partial;
                        queryIndex = normBase + t;
                    }
                }
                best[q] = queryBest;
                indices[q] = queryIndex;
            }
        }
        for (int q = 0; q < count; q++) {
            distances[q] = exactDistance(queries, q * dim, indices[q]);
        }
    }

    private float exactDistance(float[] queries, int offset, int index) {
        double sum = 0;
        for (int d = 0; d < dim(); d++) {
            double diff = (double) queries[offset + d] - tokens.get(index, d);
            sum += diff * diff;
        }
        return (float) Math.sqrt(sum);
    }

    private int queryCount(float[] queries) {
        if (queries == null || queries.length == 0 || queries.length % dim() != 0) {
            throw new IllegalArgumentException("queries must be a non-empty multiple of the bank's "
                    + "token dimension " + dim() + ", got "
                    + (queries == null ? "null" : queries.length + " floats"));
        }
        return queries.length / dim();
    }

    static void requireTokens(float[] rows, int dim, String what) {
        if (dim < 1) {
            throw new IllegalArgumentException("token dimension must be at least 1, got " + dim);
        }
        if (rows == null || rows.length == 0 || rows.length % dim != 0) {
            throw new IllegalArgumentException("the " + what + " must hold a positive whole "
                    + "number of " + dim + "-dimensional tokens, got "
                    + (rows == null ? "null" : rows.length + " floats"));
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                throw new IllegalArgumentException("the " + what + " has a non-finite value " + rows[i] + " in token "
                        + i / dim + ", component " + i % dim);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MemoryBank that && tokens.sameTokens(that.tokens);
    }

    @Override
    public int hashCode() {
        return tokens.contentHash();
    }

    @Override
    public String toString() {
        return "MemoryBank[" + size() + " tokens x " + dim() + "]";
    }
}
