package io.ultraline.defect;

import java.util.Arrays;

/**
 * Tokens laid out for fast one-against-many distance loops. The tokens are cut into tiles of
 * {@link #TILE} consecutive tokens; a tile is stored dimension-major as {@code dim} arrays of
 * {@code TILE} floats ({@code rows[tile * dim + d][t]} is component {@code d} of token
 * {@code tile * TILE + t}). The innermost loops then run over the tokens of a tile with unit
 * stride, no reduction and every array indexed from 0, the shape that the JDK 17 C2 compiler
 * vectorises (a loop reading {@code data[offset + t]} next to {@code acc[t]} is left scalar:
 * nearest-neighbour queries measured about ten times slower that way). Several dimensions are
 * folded into each pass over the accumulator to save loads and stores. One tile at the default model's dimension
 * (128 x 96 floats, 48 KiB) stays in the L1/L2 cache while a query is compared with it.
 *
 * <p>The last tile is padded with zeros; callers skip the padding through {@link #validInTile}.
 * Values are copied exactly, so {@link #token} returns the floats that went in.
 */
final class TiledTokens {

    /** Tokens per tile. */
    static final int TILE = 128;

    private final int dim;
    private final int count;
    private final float[][] rows;

    private TiledTokens(int dim, int count) {
        this.dim = dim;
        this.count = count;
        this.rows = new float[Math.multiplyExact(tileCount(count), dim)][TILE];
    }

    /** Lays out {@code values.length / dim} row-major tokens; {@code values} is not kept. */
    static TiledTokens fromRows(float[] values, int dim) {
        TiledTokens tokens = new TiledTokens(dim, values.length / dim);
        for (int token = 0; token < tokens.count; token++) {
            int base = (token / TILE) * dim;
            int slot = token % TILE;
            for (int d = 0; d < dim; d++) {
                tokens.rows[base + d][slot] = values[token * dim + d];
            }
        }
        return tokens;
    }

    /** Lays out {@code count} tokens given dimension-major: {@code columns[d * count + token]}. */
    static TiledTokens fromColumns(float[] columns, int dim, int count) {
        TiledTokens tokens = new TiledTokens(dim, count);
        for (int d = 0; d < dim; d++) {
            for (int token = 0; token < count; token++) {
                tokens.rows[(token / TILE) * dim + d][token % TILE] = columns[d * count + token];
            }
        }
        return tokens;
    }

    static int tileCount(int count) {
        return (count + TILE - 1) / TILE;
    }

    int dim() {
        return dim;
    }

    int count() {
        return count;
    }

    int tiles() {
        return tileCount(count);
    }

    /** Real tokens in tile {@code tile} (the rest is padding). */
    int validInTile(int tile) {
        return Math.min(TILE, count - tile * TILE);
    }

    /** Component {@code d} of token {@code token}. */
    float get(int token, int d) {
        return rows[(token / TILE) * dim + d][token % TILE];
    }

    /** Token {@code token} as a new array. */
    float[] token(int token) {
        float[] out = new float[dim];
        for (int d = 0; d < dim; d++) {
            out[d] = get(token, d);
        }
        return out;
    }

    /** Writes every token, row-major, into {@code out} from {@code offset}. */
    void copyRows(float[] out, int offset) {
        for (int token = 0; token < count; token++) {
            for (int d = 0; d < dim; d++) {
                out[offset + token * dim + d] = get(token, d);
            }
        }
    }

    /** {@code acc[t] = dot(query, token t of the tile)} for every slot of the tile. */
    void dots(float[] query, int queryOffset, int tile, float[] acc) {
        Arrays.fill(acc, 0f);
        int base = tile * dim;
        int d = 0;
        for (; d + 3 < dim; d += 4) {
            float q0 = query[queryOffset + d];
            float q1 = query[queryOffset + d + 1];
            float q2 = query[queryOffset + d + 2];
            float q3 = query[queryOffset + d + 3];
            float[] r0 = rows[base + d];
            float[] r1 = rows[base + d + 1];
            float[] r2 = rows[base + d + 2];
            float[] r3 = rows[base + d + 3];
            for (int t = 0; t < TILE; t++) {
                acc[t] += (q0 * r0[t] + q1 * r1[t]) + (q2 * r2[t] + q3 * r3[t]);
            }
        }
        for (; d < dim; d++) {
            float q = query[queryOffset + d];
            float[] r = rows[base + d];
            for (int t = 0; t < TILE; t++) {
                acc[t] += q * r[t];
            }
        }
    }

    /**
     * {@code acc[t] = |point - token t of the tile|^2}, from the differences (no norm trick).
     * Two dimensions per pass, not four: the four-way body is too large for C2 to unroll, and
     * the loop then stays scalar (measured about three times slower).
     */
    void squaredDistances(float[] point, int tile, float[] acc) {
        Arrays.fill(acc, 0f);
        int base = tile * dim;
        int d = 0;
        for (; d + 1 < dim; d += 2) {
            float p0 = point[d];
            float p1 = point[d + 1];
            float[] r0 = rows[base + d];
            float[] r1 = rows[base + d + 1];
            for (int t = 0; t < TILE; t++) {
                float e0 = r0[t] - p0;
                float e1 = r1[t] - p1;
                acc[t] += e0 * e0 + e1 * e1;
            }
        }
        if (d < dim) {
            float p = point[d];
            float[] r = rows[base + d];
            for (int t = 0; t < TILE; t++) {
                float e = r[t] - p;
                acc[t] += e * e;
            }
        }
    }

    /** Squared norm of every token slot, padding included (padding is 0). */
    float[] squaredNorms() {
        float[] norms = new float[tiles() * TILE];
        float[] acc = new float[TILE];
        float[] origin = new float[dim];
        for (int tile = 0; tile < tiles(); tile++) {
            squaredDistances(origin, tile, acc);
            System.arraycopy(acc, 0, norms, tile * TILE, TILE);
        }
        return norms;
    }

    /** Content equality with another layout. */
    boolean sameTokens(TiledTokens other) {
        return dim == other.dim && count == other.count && Arrays.deepEquals(rows, other.rows);
    }

    int contentHash() {
        return 31 * (31 * dim + count) + Arrays.deepHashCode(rows);
    }
}
