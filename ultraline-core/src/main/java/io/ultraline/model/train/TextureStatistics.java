package io.ultraline.model.train;

import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.VitOps;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Per-patch statistics of a fixed filter bank, the regression target of {@link TextureObjective}:
 * the mean absolute response of 16 oriented line detectors (second derivative across an elongated
 * Gaussian, 8 orientations, widths 1 and 2 px) and 2 difference-of-Gaussians blob detectors on the
 * luminance, then the patch's mean luminance, its two opponent colours and its luminance spread.
 * Hand-made filters of this kind, scored over 16 px patches, matched or beat the default model on
 * 11 of 14 unseen surfaces (docs/evaluation.md, "A network-free filter bank"), so tokens that
 * must carry them see thin oriented structure and local colour, which the defect profiles compare.
 */
public final class TextureStatistics {

    /** Values per patch. */
    public static final int FEATURES = 22;

    /** Side of every kernel; odd, so each has a centre pixel. */
    static final int KERNEL_SIZE = 13;

    static final int ORIENTATIONS = 8;

    private static final double[] LINE_WIDTHS = {1, 2};
    private static final double[] BLOB_SIGMAS = {1, 2};
    private static final float EPS = 1e-6f;

    private TextureStatistics() {}

    /**
     * The detector kernels, [KERNEL_SIZE][KERNEL_SIZE][1][18] as Conv2D wants its filter: the 16
     * line detectors (width-major, orientation angle i * pi / 8 from the x axis), then the 2 blob
     * detectors. Each has zero mean, so a flat surface answers 0, and absolute sum 1.
     */
    static float[][][][] kernels() {
        int n = KERNEL_SIZE;
        int c = n / 2;
        int count = LINE_WIDTHS.length * ORIENTATIONS + BLOB_SIGMAS.length;
        float[][][][] k = new float[n][n][1][count];
        int f = 0;
        for (double s : LINE_WIDTHS) {
            for (int o = 0; o < ORIENTATIONS; o++) {
                double t = o * Math.PI / ORIENTATIONS;
                double[][] line = new double[n][n];
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        double u = (x - c) * Math.cos(t) + (y - c) * Math.sin(t);
                        double v = -(x - c) * Math.sin(t) + (y - c) * Math.cos(t);
                        double g = Math.exp(-u * u / (2 * 4 * s * s) - v * v / (2 * s * s));
                        line[y][x] = g * (v * v / (s * s * s * s) - 1 / (s * s));
                    }
                }
                put(k, f++, line);
            }
        }
        for (double s : BLOB_SIGMAS) {
            double[][] blob = new double[n][n];
            double inner = 0;
            double outer = 0;
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r2 = (x - c) * (x - c) + (y - c) * (y - c);
                    inner += Math.exp(-r2 / (2 * s * s));
                    outer += Math.exp(-r2 / (2 * 2.56 * s * s));
                }
            }
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double r2 = (x - c) * (x - c) + (y - c) * (y - c);
                    blob[y][x] = Math.exp(-r2 / (2 * s * s)) / inner - Math.exp(-r2 / (2 * 2.56 * s * s)) / outer;
                }
            }
            put(k, f++, blob);
        }
        return k;
    }

    /** Zero mean, then absolute sum 1, written into filter channel {@code f}. */
    private static void put(float[][][][] k, int f, double[][] kernel) {
        int n = kernel.length;
        double mean = 0;
        for (double[] row : kernel) {
            for (double v : row) {
                mean += v / (n * n);
            }
        }
        double abs = 0;
        for (double[] row : kernel) {
            for (double v : row) {
                abs += Math.abs(v - mean);
            }
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                k[y][x][0][f] = (float) ((kernel[y][x] - mean) / abs);
            }
        }
    }

    /**
     * The raw statistics of each patch, [B, N, FEATURES], patches in row-major order like the
     * ViT's tokens; no gradient flows through them.
     *
     * @param images [B, H, W, 3] in [0, 1]
     */
    public static Operand<TFloat32> raw(Ops tf, Operand<TFloat32> images, VitConfig c) {
        // luminance and the two opponent colours as one 1 x 1 convolution
        float third = 1f / 3;
        float[][][][] mix = {{{{third, 1f, 0.5f}, {third, -1f, 0.5f}, {third, 0f, -1f}}}};
        Operand<TFloat32> colours =
                tf.nn.conv2d(images, tf.constant(StdArrays.ndCopyOf(mix)), List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TFloat32> lum = tf.slice(colours, VitOps.ints(tf, 0, 0, 0, 0), VitOps.ints(tf, -1, -1, -1, 1));
        // mirrored borders: zero padding would draw an edge around every frame
        int half = KERNEL_SIZE / 2;
        Operand<TFloat32> padded =
                tf.mirrorPad(lum, tf.constant(new int[][] {{0, 0}, {half, half}, {half, half}, {0, 0}}), "REFLECT");
        Operand<TFloat32> responses = tf.math.abs(
                tf.nn.conv2d(padded, tf.constant(StdArrays.ndCopyOf(kernels())), List.of(1L, 1L, 1L, 1L), "VALID"));
        List<Long> patch = List.of(1L, (long) c.patchSize(), (long) c.patchSize(), 1L);
        Operand<TFloat32> lines = tf.nn.avgPool(responses, patch, patch, "VALID");
        Operand<TFloat32> means = tf.nn.avgPool(colours, patch, patch, "VALID");
        Operand<TFloat32> lumMean = tf.slice(means, VitOps.ints(tf, 0, 0, 0, 0), VitOps.ints(tf, -1, -1, -1, 1));
        Operand<TFloat32> lumSquare = tf.nn.avgPool(tf.math.square(lum), patch, patch, "VALID");
        Operand<TFloat32> spread = tf.math.sqrt(tf.math.add(
                tf.math.maximum(tf.math.sub(lumSquare, tf.math.square(lumMean)), tf.constant(0f)), tf.constant(EPS)));
        Operand<TFloat32> all = tf.concat(List.of(lines, means, spread), tf.constant(3));
        return tf.stopGradient(tf.reshape(all, VitOps.ints(tf, -1, c.numPatches(), FEATURES)));
    }

    /**
     * The statistics standardised per feature over the batch's patches (zero mean, unit
     * variance), so that no feature's units outweigh another's in a squared error.
     */
    public static Operand<TFloat32> standardised(Ops tf, Operand<TFloat32> images, VitConfig c) {
        Operand<TFloat32> raw = raw(tf, images, c);
        Operand<TFloat32> mean = tf.math.mean(raw, VitOps.ints(tf, 0, 1), Mean.keepDims(true));
        Operand<TFloat32> var =
                tf.math.mean(tf.math.squaredDifference(raw, mean), VitOps.ints(tf, 0, 1), Mean.keepDims(true));
        // raw() already stops the gradient, and nothing here depends on a variable
        return tf.math.mul(tf.math.sub(raw, mean), tf.math.rsqrt(tf.math.add(var, tf.constant(EPS))));
    }
}
