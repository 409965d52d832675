package io.ultraline.ultra.transform;

import java.util.SplittableRandom;

/**
 * Learns W ({@code D' x D}) by a VICReg-style self-consistency objective, full batch, with Adam:
 *
 * <pre>
 *   L(W) = lambda * inv + mu * var + nu * cov,   Y = W z,  C_Y = W C W^T
 *   inv = (1/D') tr(W S W^T),      S = view differences + neighbour differences
 *   var = (1/D') sum_d max(0, 1 - sqrt(C_Y[d][d] + eps))
 *   cov = (1/D') sum_{d != e} C_Y[d][e]^2
 * </pre>
 *
 * Why this form: {@code inv} asks the same patch under photometric and flip changes, and
 * neighbouring patches (mostly one part), to map to the same point, so what W keeps is what
 * separates parts, not lighting or texture phase; {@code var} keeps every output dimension spread
 * (no collapse to a point, which would make inv zero) and {@code cov} makes the dimensions carry
 * different information (no collapse to a line). Since W is linear, all three read the tokens only
 * through second moments ({@link ConsistencyStatistics}), so a step costs a few {@code D x D}
 * products whatever the number of calibration frames.
 *
 * @param outDim D'
 * @param steps  Adam steps
 * @param lambda invariance weight
 * @param mu     variance weight
 * @param nu     covariance weight
 * @param rate   Adam learning rate
 * @param seed   of the initial W
 */
public record ConsistencyTrainer(int outDim, int steps, double lambda, double mu, double nu, double rate, long seed) {

    /**
     * VICReg's variance and covariance weights (25, 1) with a lighter invariance (5 instead of 25):
     * on the scenes benchmark (docs/evaluation.md) 25 made W drop what tells a conveyor's small
     * parts from its belt (k-means mIoU 0.37 against 0.58 at 5), for little gain on mosaics.
     */
    public static ConsistencyTrainer defaults() {
        return new ConsistencyTrainer(32, 1500, 5, 25, 1, 0.01, 19);
    }

    public ConsistencyTrainer {
        if (outDim < 1 || steps < 0 || !(rate > 0) || lambda < 0 || mu < 0 || nu < 0) {
            throw new IllegalArgumentException("outDim >= 1, steps >= 0, rate > 0 and non-negative weights required");
        }
    }

    /** The learned transform and its final loss terms. */
    public record Result(TokenTransform transform, double invariance, double variance, double covariance) {}

    public Result train(ConsistencyStatistics stats) {
        int d = stats.dim();
        int k = outDim;
        double[] c = stats.covariance();
        double[] s = stats.viewDifferences();
        double[] nb = stats.neighbourDifferences();
        for (int i = 0; i < s.length; i++) {
            s[i] += nb[i];
        }
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += c[i * d + i];
        }
        SplittableRandom r = new SplittableRandom(seed);
        double scale = 1 / Math.sqrt(Math.max(trace, 1e-12));
        double[] w = new double[k * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(r) * scale;
        }
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double[] terms = new double[3];
        for (int step = 1; step <= steps; step++) {
            double[] grad = gradient(w, c, s, d, k, terms);
            for (int i = 0; i < w.length; i++) {
                m[i] = 0.9 * m[i] + 0.1 * grad[i];
                v[i] = 0.999 * v[i] + 0.001 * grad[i] * grad[i];
                double mh = m[i] / (1 - Math.pow(0.9, step));
                double vh = v[i] / (1 - Math.pow(0.999, step));
                w[i] -= rate * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        gradient(w, c, s, d, k, terms);
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        return new Result(new TokenTransform(d, k, wf), terms[0], terms[1], terms[2]);
    }

    /** dL/dW, and the three unweighted terms into {@code terms}. */
    double[] gradient(double[] w, double[] c, double[] s, int d, int k, double[] terms) {
        double[] ws = multiply(w, s, k, d, d);
        double[] wc = multiply(w, c, k, d, d);
        double[] cy = multiplyTransposed(wc, w, k, d, k);
        double inv = 0;
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < d; i++) {
                inv += ws[o * d + i] * w[o * d + i];
            }
        }
        double[] g = new double[k * k];
        double var = 0;
        double cov = 0;
        for (int a = 0; a < k; a++) {
            double std = Math.sqrt(cy[a * k + a] + 1e-4);
            if (std < 1) {
                var += 1 - std;
                g[a * k + a] += mu / k * -0.5 / std;
            }
            for (int b = 0; b < k; b++) {
                if (a != b) {
                    cov += cy[a * k + b] * cy[a * k + b];
                    g[a * k + b] += nu / k * 2 * cy[a * k + b];
                }
            }
        }
        terms[0] = inv / k;
        terms[1] = var / k;
        terms[2] = cov / k;
        double[] gwc = multiply(g, wc, k, k, d);
        double[] grad = new double[k * d];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = lambda * 2.0 / k * ws[i] + 2 * gwc[i];
        }
        return grad;
    }

    /** a [n x m] times b [m x p]. */
    static double[] multiply(double[] a, double[] b, int n, int m, int p) {
        double[] out = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < m; t++) {
                double x = a[i * m + t];
                if (x != 0) {
                    for (int j = 0; j < p; j++) {
                        out[i * p + j] += x * b[t * p + j];
                    }
                }
            }
        }
        return out;
    }

    /** a [n x m] times b^T, b [p x m]. */
    static double[] multiplyTransposed(double[] a, double[] b, int n, int m, int p) {
        double[] out = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double sum = 0;
                for (int t = 0; t < m; t++) {
                    sum += a[i * m + t] * b[j * m + t];
                }
                out[i * p + j] = sum;
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
