package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
import io.ultraline.model.weights.VitWeights;
import java.util.function.BiFunction;

/**
 * A plain-Java float64 ViT forward in timm semantics, written independently of the graph code, so
 * the graph can be checked against it. An attention hook lets a test perturb one block's attention
 * and watch the output (finite differences of the ULTra objective).
 */
final class ReferenceVit {

    private final VitConfig c;
    private final VitWeights w;

    ReferenceVit(VitConfig c, VitWeights w) {
        this.c = c;
        this.w = w;
    }

    /** Forward result: the target layer's sequence [S][D] and each block's attention [H][S][S]. */
    record Result(double[][] sequence, double[][][][] attention) {}

    Result forward(float[] images, int index) {
        return forward(images, index, (b, a) -> a);
    }

    /** images NHWC flattened; index = which image of the batch. */
    Result forward(float[] images, int index, BiFunction<Integer, double[][][], double[][][]> hook) {
        int size = c.imageSize();
        int p = c.patchSize();
        int g = c.gridSize();
        int d = c.dim();
        int s = c.sequenceLength();
        int off = c.patchOffset();
        float[] mean = c.mean();
        float[] std = c.std();
        double[][] x = new double[s][d];
        float[] kw = w.get("patch_embed.proj.weight").data();
        float[] kb = w.get("patch_embed.proj.bias").data();
        int base = index * size * size * 3;
        for (int gy = 0; gy < g; gy++) {
            for (int gx = 0; gx < g; gx++) {
                double[] t = x[off + gy * g + gx];
                for (int o = 0; o < d; o++) {
                    double acc = kb[o];
                    for (int ch = 0; ch < 3; ch++) {
                        for (int ky = 0; ky < p; ky++) {
                            for (int kx = 0; kx < p; kx++) {
                                int px = base + (((gy * p + ky) * size) + gx * p + kx) * 3 + ch;
                                double v = (images[px] - mean[ch]) / std[ch];
                                acc += v * kw[((o * 3 + ch) * p + ky) * p + kx];
                            }
                        }
                    }
                    t[o] = acc;
                }
            }
        }
        float[] pos = w.get("pos_embed").data();
        if (c.hasClsToken()) {
            float[] cls = w.get("cls_token").data();
            for (int o = 0; o < d; o++) {
                x[0][o] = cls[o];
            }
        }
        for (int t = 0; t < s; t++) {
            for (int o = 0; o < d; o++) {
                x[t][o] += pos[t * d + o];
            }
        }
        double[][][][] attn = new double[c.targetLayer()][][][];
        for (int b = 0; b < c.targetLayer(); b++) {
            String n = "blocks." + b + ".";
            double[][] h = layerNorm(x, n + "norm1");
            float[] qkvW = w.get(n + "attn.qkv.weight").data();
            float[] qkvB = c.qkvBias() ? w.get(n + "attn.qkv.bias").data() : new float[3 * d];
            double[][] qkv = linear(h, qkvW, qkvB, 3 * d);
            int hd = c.headDim();
            double scale = 1 / Math.sqrt(hd);
            double[][][] a = new double[c.heads()][s][s];
            for (int hh = 0; hh < c.heads(); hh++) {
                for (int i = 0; i < s; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < s; j++) {
                        double dot = 0;
                        for (int e = 0; e < hd; e++) {
                            dot += qkv[i][hh * hd + e] * qkv[j][d + hh * hd + e];
                        }
                        a[hh][i][j] = dot * scale;
                        max = Math.max(max, a[hh][i][j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < s; j++) {
                        a[hh][i][j] = Math.exp(a[hh][i][j] - max);
                        sum += a[hh][i][j];
                    }
                    for (int j = 0; j < s; j++) {
                        a[hh][i][j] /= sum;
                    }
                }
            }
            a = hook.apply(b, a);
            attn[b] = a;
            double[][] o = new double[s][d];
            for (int hh = 0; hh < c.heads(); hh++) {
                for (int i = 0; i < s; i++) {
                    for (int e = 0; e < hd; e++) {
                        double acc = 0;
                        for (int j = 0; j < s; j++) {
                            acc += a[hh][i][j] * qkv[j][2 * d + hh * hd + e];
                        }
                        o[i][hh * hd + e] = acc;
                    }
                }
            }
            add(
                    x,
                    linear(
                            o,
                            w.get(n + "attn.proj.weight").data(),
                            w.get(n + "attn.proj.bias").data(),
                            d));
            double[][] h2 = layerNorm(x, n + "norm2");
            double[][] m = linear(
                    h2,
                    w.get(n + "mlp.fc1.weight").data(),
                    w.get(n + "mlp.fc1.bias").data(),
                    c.mlpHidden());
            for (double[] row : m) {
                for (int e = 0; e < row.length; e++) {
                    row[e] = 0.5 * row[e] * (1 + erf(row[e] / Math.sqrt(2)));
                }
            }
            add(
                    x,
                    linear(
                            m,
                            w.get(n + "mlp.fc2.weight").data(),
                            w.get(n + "mlp.fc2.bias").data(),
                            d));
        }
        return new Result(x, attn);
    }

    private double[][] layerNorm(double[][] x, String name) {
        float[] gamma = w.get(name + ".weight").data();
        float[] beta = w.get(name + ".bias").data();
        double[][] out = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            double mean = 0;
            for (double v : x[t]) {
                mean += v;
            }
            mean /= x[t].length;
            double var = 0;
            for (double v : x[t]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[t].length;
            double inv = 1 / Math.sqrt(var + c.layerNormEps());
            for (int e = 0; e < x[t].length; e++) {
                out[t][e] = (x[t][e] - mean) * inv * gamma[e] + beta[e];
            }
        }
        return out;
    }

    /** y = x W^T + b with W stored [out][in] as in PyTorch. */
    private static double[][] linear(double[][] x, float[] weight, float[] bias, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += x[t][i] * weight[o * in + i];
                }
                y[t][o] = acc;
            }
        }
        return y;
    }

    private static void add(double[][] x, double[][] y) {
        for (int t = 0; t < x.length; t++) {
            for (int e = 0; e < x[t].length; e++) {
                x[t][e] += y[t][e];
            }
        }
    }

    /** erf to about 1e-13 via the complementary continued fraction / series split. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            double sum = ax;
            double term = ax;
            for (int n = 1; n < 200; n++) {
                term *= -ax * ax / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17) {
                    break;
                }
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // continued fraction for erfc, evaluated bottom-up
            double f = 0;
            for (int k = 60; k >= 1; k--) {
                f = k / 2.0 / (ax + f);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        }
        return x < 0 ? -r : r;
    }

    /** Objective of one target: L2 norm of its token at the target layer. */
    double objective(float[] images, int index, int targetPatch, BiFunction<Integer, double[][][], double[][][]> hook) {
        return objective(images, index, targetPatch, null, hook);
    }

    /** Objective through a token transform W [rows][D]: ||W z|| (null: ||z||). */
    double objective(
            float[] images,
            int index,
            int targetPatch,
            float[][] transform,
            BiFunction<Integer, double[][][], double[][][]> hook) {
        double[] z = forward(images, index, hook).sequence()[targetPatch + c.patchOffset()];
        if (transform != null) {
            double[] y = new double[transform.length];
            for (int o = 0; o < y.length; o++) {
                for (int i = 0; i < z.length; i++) {
                    y[o] += transform[o][i] * z[i];
                }
            }
            z = y;
        }
        double s = 0;
        for (double v : z) {
            s += v * v;
        }
        return Math.sqrt(s);
    }
}
