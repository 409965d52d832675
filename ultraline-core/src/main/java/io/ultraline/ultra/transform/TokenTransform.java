package io.ultraline.ultra.transform;

/**
 * A linear map of tokens, {@code y = W z}: {@code outDim x inDim} weights, row-major.
 *
 * @param inDim   token dimension D
 * @param outDim  transformed dimension D'
 * @param weights {@code outDim * inDim} values
 */
public record TokenTransform(int inDim, int outDim, float[] weights) {

    public TokenTransform {
        if (inDim < 1 || outDim < 1 || weights.length != inDim * outDim) {
            throw new IllegalArgumentException("a " + outDim + " x " + inDim + " transform needs " + inDim * outDim
                    + " weights, got " + weights.length);
        }
        weights = weights.clone();
    }

    /** W = I: tokens unchanged. */
    public static TokenTransform identity(int dim) {
        float[] w = new float[dim * dim];
        for (int i = 0; i < dim; i++) {
            w[i * dim + i] = 1;
        }
        return new TokenTransform(dim, dim, w);
    }

    /** The transformed tokens of {@code n} tokens laid out row-major ({@code n * inDim} values). */
    public float[] apply(float[] tokens, int n) {
        if (tokens.length != n * inDim) {
            throw new IllegalArgumentException("expected " + n * inDim + " token values, got " + tokens.length);
        }
        float[] out = new float[n * outDim];
        for (int t = 0; t < n; t++) {
            for (int o = 0; o < outDim; o++) {
                double s = 0;
                for (int i = 0; i < inDim; i++) {
                    s += weights[o * inDim + i] * tokens[t * inDim + i];
                }
                out[t * outDim + o] = (float) s;
            }
        }
        return out;
    }

    /** Whether two transforms (null: none) map tokens alike: the same shape and weights. */
    public static boolean same(TokenTransform a, TokenTransform b) {
        return a == b
                || a != null
                        && b != null
                        && a.inDim == b.inDim
                        && a.outDim == b.outDim
                        && java.util.Arrays.equals(a.weights, b.weights);
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }
}
