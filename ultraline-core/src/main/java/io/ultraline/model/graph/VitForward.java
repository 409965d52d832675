package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Builds the ViT forward pass up to the target layer and keeps what ULTra needs: every block's
 * post-softmax attention and the target layer's output tokens (before any final norm).
 */
public final class VitForward {

    /**
     * @param attention per block 1..targetLayer, [B, H, S, S]
     * @param sequence  target layer output, [B, S, D] (CLS first where there is one)
     * @param blocks    every block's activations, for a hand-written backward
     */
    public record Outputs(List<Operand<TFloat32>> attention, Operand<TFloat32> sequence, List<BlockTrace> blocks) {}

    /**
     * One block's forward activations.
     *
     * @param input   block input x, [B, S, D]
     * @param qScaled queries already multiplied by 1/sqrt(head dim), [B, H, S, hd]
     * @param keys    [B, H, S, hd]
     * @param values  [B, H, S, hd]
     * @param attention post-softmax attention, [B, H, S, S]
     * @param middle  x after the attention residual, [B, S, D]
     * @param hidden  MLP pre-activation (fc1 output before GELU), [B, S, hidden]
     */
    public record BlockTrace(
            Operand<TFloat32> input,
            Operand<TFloat32> qScaled,
            Operand<TFloat32> keys,
            Operand<TFloat32> values,
            Operand<TFloat32> attention,
            Operand<TFloat32> middle,
            Operand<TFloat32> hidden) {}

    /**
     * Patches a student must not see, for masked-token training: where {@code mask} [B, N] is 1
     * the patch's embedding is replaced by {@code token} [D] (before positions are added, so the
     * blocks still know where the hidden patch lies).
     */
    public record TokenMask(Operand<TFloat32> mask, Operand<TFloat32> token) {}

    private VitForward() {}

    /** images: [B, H, W, 3] in [0, 1]. */
    public static Outputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images) {
        return build(tf, w, c, images, null);
    }

    /** images: [B, H, W, 3] in [0, 1]; {@code masked} hides patch embeddings, or is null. */
    public static Outputs build(Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images, TokenMask masked) {
        int s = c.sequenceLength();
        int d = c.dim();
        Operand<TFloat32> x = embed(tf.withSubScope("embed"), w, c, images, masked);
        List<Operand<TFloat32>> attention = new ArrayList<>();
        List<BlockTrace> traces = new ArrayList<>();
        for (int i = 0; i < c.targetLayer(); i++) {
            Operand<TFloat32> input = x;
            Ops b = tf.withSubScope("block" + i);
            String p = "blocks." + i + ".";
            Operand<TFloat32> h =
                    VitOps.layerNorm(b, x, w.get(p + "norm1.gamma"), w.get(p + "norm1.beta"), c.layerNormEps());
            Operand<TFloat32> q = VitOps.dense(b, h, w.get(p + "wq"), w.get(p + "bq"), s, d, d);
            Operand<TFloat32> k = VitOps.dense(b, h, w.get(p + "wk"), w.get(p + "bk"), s, d, d);
            Operand<TFloat32> v = VitOps.dense(b, h, w.get(p + "wv"), w.get(p + "bv"), s, d, d);
            int hd = c.headDim();
            Operand<TFloat32> qh =
                    b.math.mul(VitOps.splitHeads(b, q, s, c.heads(), hd), b.constant((float) (1.0 / Math.sqrt(hd))));
            Operand<TFloat32> kh = VitOps.splitHeads(b, k, s, c.heads(), hd);
            Operand<TFloat32> vh = VitOps.splitHeads(b, v, s, c.heads(), hd);
            Operand<TFloat32> a = b.withName("attention").nn.softmax(VitOps.batchMatMul(b, qh, kh, false, true));
            attention.add(a);
            Operand<TFloat32> o = VitOps.mergeHeads(b, VitOps.batchMatMul(b, a, vh, false, false), s, d);
            x = b.math.add(x, VitOps.dense(b, o, w.get(p + "proj.w"), w.get(p + "proj.b"), s, d, d));
            Operand<TFloat32> middle = x;
            Operand<TFloat32> h2 =
                    VitOps.layerNorm(b, x, w.get(p + "norm2.gamma"), w.get(p + "norm2.beta"), c.layerNormEps());
            Operand<TFloat32> hidden = VitOps.dense(b, h2, w.get(p + "fc1.w"), w.get(p + "fc1.b"), s, d, c.mlpHidden());
            Operand<TFloat32> m = VitOps.gelu(b, hidden);
            x = b.math.add(x, VitOps.dense(b, m, w.get(p + "fc2.w"), w.get(p + "fc2.b"), s, c.mlpHidden(), d));
            traces.add(new BlockTrace(input, qh, kh, vh, a, middle, hidden));
        }
        return new Outputs(attention, x, traces);
    }

    /** Normalise, patchify with a strided convolution, prepend CLS (by padding) and add positions. */
    private static Operand<TFloat32> embed(
            Ops tf, GraphWeights w, VitConfig c, Operand<TFloat32> images, TokenMask hidden) {
        long p = c.patchSize();
        Operand<TFloat32> conv =
                tf.nn.conv2d(normalise(tf, c, images), w.get("patch_kernel"), List.of(1L, p, p, 1L), "VALID");
        Operand<TFloat32> patches =
                tf.reshape(tf.math.add(conv, w.get("patch_bias")), VitOps.ints(tf, -1, c.numPatches(), c.dim()));
        if (hidden != null) {
            Operand<TFloat32> m = tf.reshape(hidden.mask(), VitOps.ints(tf, -1, c.numPatches(), 1));
            patches = tf.math.add(patches, tf.math.mul(m, tf.math.sub(hidden.token(), patches)));
        }
        Operand<TFloat32> tokens = patches;
        Operand<TFloat32> pos = w.get("pos_embed");
        if (c.hasClsToken()) {
            tokens = tf.pad(patches, tf.constant(new int[][] {{0, 0}, {1, 0}, {0, 0}}), tf.constant(0f));
            Operand<TFloat32> clsRow = tf.pad(
                    w.get("cls_token"),
                    tf.constant(new int[][] {{0, 0}, {0, c.numPatches()}, {0, 0}}),
                    tf.constant(0f));
            pos = tf.math.add(pos, clsRow);
        }
        return tf.math.add(tokens, pos);
    }

    /**
     * (x - mean) / std per channel, on rows of one image line (width x 3 values) with mean and std
     * tiled to that length. Broadcasting the 3-wide vectors over [B, H, W, 3] is the same formula,
     * but TensorFlow's CPU kernels do it several times slower (4.6 ms against 1.1 to 1.5 ms for
     * four 128 x 128 frames, traced on the development machine).
     */
    private static Operand<TFloat32> normalise(Ops tf, VitConfig c, Operand<TFloat32> images) {
        int width = c.imageSize() * 3;
        Operand<TFloat32> rows = tf.reshape(images, VitOps.ints(tf, -1, width));
        Operand<TFloat32> normed =
                tf.math.div(tf.math.sub(rows, tf.constant(tiled(c.mean(), width))), tf.constant(tiled(c.std(), width)));
        return tf.reshape(normed, tf.shape(images));
    }

    private static float[] tiled(float[] perChannel, int width) {
        float[] out = new float[width];
        for (int i = 0; i < width; i++) {
            out[i] = perChannel[i % perChannel.length];
        }
        return out;
    }

    /** The patch tokens of a sequence: [B, S, D] to [B, N, D]. */
    public static Operand<TFloat32> patchTokens(Ops tf, Operand<TFloat32> sequence, VitConfig c) {
        if (!c.hasClsToken()) {
            return sequence;
        }
        return tf.slice(sequence, VitOps.ints(tf, 0, 1, 0), VitOps.ints(tf, -1, c.numPatches(), c.dim()));
    }
}
