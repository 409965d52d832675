package io.ultraline.ultra.transform;

/**
 * What the self-consistency objective needs from the calibration tokens, reduced to three
 * {@code D x D} second-moment matrices (a linear W sees the data only through them, so training
 * does not touch the tokens again):
 *
 * <ul>
 *   <li>{@code covariance}: of all tokens (what W must keep spread: the variance and covariance terms);
 *   <li>{@code viewDifferences}: mean of (z - z')(z - z')^T over the same patch in two views of a
 *       frame (photometric and flip augmentations): what W should not see;
 *   <li>{@code neighbourDifferences}: the same over 4-neighbour patches of one frame, which mostly
 *       show the same part: within-material texture that W should not see either.
 * </ul>
 */
public final class ConsistencyStatistics {

    private final int dim;
    private final double[] sum;
    private final double[] outer;
    private long tokens;
    private final double[] views;
    private long viewPairs;
    private final double[] neighbours;
    private long neighbourPairs;

    public ConsistencyStatistics(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be positive, got " + dim);
        }
        this.dim = dim;
        sum = new double[dim];
        outer = new double[dim * dim];
        views = new double[dim * dim];
        neighbours = new double[dim * dim];
    }

    public int dim() {
        return dim;
    }

    /** The tokens of one frame ({@code gridH * gridW * dim}, row-major): moments and neighbour pairs. */
    public void addFrame(float[] frameTokens, int gridH, int gridW) {
        requireLength(frameTokens, gridH * gridW);
        for (int t = 0; t < gridH * gridW; t++) {
            for (int i = 0; i < dim; i++) {
                double a = frameTokens[t * dim + i];
                sum[i] += a;
                for (int j = 0; j < dim; j++) {
                    outer[i * dim + j] += a * frameTokens[t * dim + j];
                }
            }
            tokens++;
        }
        for (int r = 0; r < gridH; r++) {
            for (int c = 0; c < gridW; c++) {
                int t = r * gridW + c;
                if (c + 1 < gridW) {
                    addDifference(neighbours, frameTokens, t, frameTokens, t + 1);
                    neighbourPairs++;
                }
                if (r + 1 < gridH) {
                    addDifference(neighbours, frameTokens, t, frameTokens, t + gridW);
                    neighbourPairs++;
                }
            }
        }
    }

    /** Two views of one frame: token {@code t} of {@code a} shows the patch of token {@code match[t]} of {@code b}. */
    public void addViews(float[] a, float[] b, int[] match) {
        requireLength(a, match.length);
        requireLength(b, match.length);
        for (int t = 0; t < match.length; t++) {
            addDifference(views, a, t, b, match[t]);
            viewPairs++;
        }
    }

    private void addDifference(double[] into, float[] a, int ta, float[] b, int tb) {
        double[] d = new double[dim];
        for (int i = 0; i < dim; i++) {
            d[i] = a[ta * dim + i] - b[tb * dim + i];
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                into[i * dim + j] += d[i] * d[j];
            }
        }
    }

    private void requireLength(float[] v, int n) {
        if (v.length != n * dim) {
            throw new IllegalArgumentException("expected " + n * dim + " token values, got " + v.length);
        }
    }

    /** Token covariance, {@code D x D} row-major. */
    double[] covariance() {
        if (tokens < 2) {
            throw new IllegalStateException("need tokens of at least one frame");
        }
        double[] c = new double[dim * dim];
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < dim; j++) {
                c[i * dim + j] = outer[i * dim + j] / tokens - sum[i] / tokens * sum[j] / tokens;
            }
        }
        return c;
    }

    double[] viewDifferences() {
        return mean(views, viewPairs);
    }

    double[] neighbourDifferences() {
        return mean(neighbours, neighbourPairs);
    }

    private static double[] mean(double[] m, long n) {
        double[] out = m.clone();
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
        }
        return out;
    }
}
