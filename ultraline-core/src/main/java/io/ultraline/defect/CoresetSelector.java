package io.ultraline.defect;

import java.util.Arrays;

/**
 * Greedy k-center (farthest-point) coreset selection: reduces a large set of normal tokens to at
 * most {@code maxSize} of them while keeping every token close to a kept one, as PatchCore does
 * for its memory bank.
 *
 * <p>Rule: the first kept token is token 0 (so the result never depends on anything but the
 * input and the seed); each next one is the token farthest from everything kept so far (lowest
 * index on ties). Selection stops at {@code maxSize} tokens, or earlier once every token
 * coincides with a kept one. The greedy choice is a 2-approximation of the best possible
 * covering radius for that size. When the input already has at most {@code maxSize} tokens all
 * of them are kept, in order, with radius 0.
 *
 * <p>Speed: the search costs {@code maxSize * M * D'} operations. With
 * {@code projectionDim > 0} and tokens wider than that, distances are measured after a seeded
 * Gaussian {@link RandomProjection} to {@code projectionDim} dimensions (distances are kept up to
 * a few percent), which makes selection from ViT-B tokens (768) about six times cheaper at the
 * default 128. Only the choice of tokens uses the projection: the kept tokens are the original
 * ones. The reported {@link Coreset#radius} is measured in the space the search used.
 *
 * <p>Immutable and thread-safe.
 */
public final class CoresetSelector {

    /** Default dimension of the search space when tokens are wider. */
    public static final int DEFAULT_PROJECTION_DIM = 128;

    private final int maxSize;
    private final int projectionDim;
    private final long seed;

    /**
     * @param maxSize most tokens kept, at least 1
     * @param projectionDim search-space dimension, or 0 to search on the original tokens
     * @param seed seed of the projection
     */
    public CoresetSelector(int maxSize, int projectionDim, long seed) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("coreset size must be at least 1, got " + maxSize);
        }
        if (projectionDim < 0) {
            throw new IllegalArgumentException(
                    "projection dimension must be 0 (off) or positive, got " + projectionDim);
        }
        this.maxSize = maxSize;
        this.projectionDim = projectionDim;
        this.seed = seed;
    }

    /**
     * The selected tokens and the covering radius: every input token lies within
     * {@code radius} of a selected one (in the search space).
     *
     * @param indices selected token indices, in selection order (the first is 0)
     * @param radius largest distance from any token to its nearest selected token
     * @param projected whether the search ran on projected tokens
     */
    public record Coreset(int[] indices, float radius, boolean projected) {

        /** Copies the indices. */
        public Coreset {
            indices = indices.clone();
        }

        /** The selected indices (a copy). */
        @Override
        public int[] indices() {
            return indices.clone();
        }

        /** Number of selected tokens. */
        public int size() {
            return indices.length;
        }
    }

    /**
     * Selects from {@code tokens}, row-major {@code M * dim} floats.
     *
     * @throws IllegalArgumentException if the tokens are empty, not a multiple of {@code dim}, or
     *     hold a non-finite value
     */
    public Coreset select(float[] tokens, int dim) {
        MemoryBank.requireTokens(tokens, dim, "coreset input");
        int count = tokens.length / dim;
        if (count <= maxSize) {
            int[] all = new int[count];
            for (int i = 0; i < count; i++) {
                all[i] = i;
            }
            return new Coreset(all, 0f, false);
        }
        boolean project = projectionDim > 0 && projectionDim < dim;
        TiledTokens space = project
                ? TiledTokens.fromColumns(
                        new RandomProjection(dim, projectionDim, seed).projectToColumns(tokens, count),
                        projectionDim,
                        count)
                : TiledTokens.fromRows(tokens, dim);
        return farthestPoints(space, project);
    }

    /** Gathers the selected tokens into a new row-major array. */
    public static float[] gather(float[] tokens, int dim, Coreset coreset) {
        int[] indices = coreset.indices;
        float[] out = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(tokens, indices[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    private Coreset farthestPoints(TiledTokens space, boolean projected) {
        int count = space.count();
        float[] nearest = new float[count];
        Arrays.fill(nearest, Float.POSITIVE_INFINITY);
        float[] acc = new float[TiledTokens.TILE];
        int[] chosen = new int[maxSize];
        int size = 0;
        int next = 0;
        float farthest;
        while (true) {
            chosen[size++] = next;
            float[] center = space.token(next);
            farthest = -1f;
            int farthestIndex = 0;
            for (int tile = 0; tile < space.tiles(); tile++) {
                space.squaredDistances(center, tile, acc);
                int base = tile * TiledTokens.TILE;
                int valid = space.validInTile(tile);
                for (int t = 0; t < valid; t++) {
                    float d = Math.min(nearest[base + t], acc[t]);
                    nearest[base + t] = d;
                    if (d > farthest) {
                        farthest = d;
                        farthestIndex = base + t;
                    }
                }
            }
            if (size == maxSize || farthest <= 0f) {
                break;
            }
            next = farthestIndex;
        }
        return new Coreset(Arrays.copyOf(chosen, size), (float) Math.sqrt(farthest), projected);
    }
}
