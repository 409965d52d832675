package io.ultraline.model.graph;

import io.ultraline.model.weights.WeightTensor;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The ViT's building blocks as small graph functions. Only ops whose gradients TensorFlow's C++
 * registry has are used (GELU from Erf, CLS prepended with Pad, BatchMatMulV2 for attention),
 * so graph gradients reach every attention map.
 */
public final class VitOps {

    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));

    private VitOps() {}

    public static Operand<TFloat32> constant(Ops tf, WeightTensor w) {
        return tf.constant(Shape.of(w.shape()), DataBuffers.of(w.data(), true, false));
    }

    public static Operand<TInt32> ints(Ops tf, int... values) {
        return tf.constant(values);
    }

    /** Batched matrix product with broadcasting; BatchMatMulV2 has no Ops method, so it is built directly. */
    @SuppressWarnings("unchecked")
    public static Operand<TFloat32> batchMatMul(
            Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, boolean adjX, boolean adjY) {
        var scope = tf.scope();
        org.tensorflow.Output<?> out = scope.opBuilder("BatchMatMulV2", "BatchMatMulV2")
                .addInput(a.asOutput())
                .addInput(b.asOutput())
                .setAttr("adj_x", adjX)
                .setAttr("adj_y", adjY)
                .build()
                .output(0);
        return (Operand<TFloat32>) out;
    }

    /** x [B, S, in] times w [in, out] plus bias, through a 2-D MatMul (faster than a batched one). */
    public static Operand<TFloat32> dense(
            Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, Operand<TFloat32> bias, int seq, int in, int out) {
        Operand<TFloat32> flat = tf.reshape(x, ints(tf, -1, in));
        Operand<TFloat32> y = tf.math.add(tf.linalg.matMul(flat, w), bias);
        return tf.reshape(y, ints(tf, -1, seq, out));
    }

    /** LayerNorm over the last axis. */
    public static Operand<TFloat32> layerNorm(
            Ops tf, Operand<TFloat32> x, Operand<TFloat32> gamma, Operand<TFloat32> beta, float eps) {
        Operand<TInt32> last = ints(tf, -1);
        Operand<TFloat32> mean = tf.math.mean(x, last, org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> var =
                tf.math.mean(tf.math.squaredDifference(x, mean), last, org.tensorflow.op.math.Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(tf.math.sub(x, mean), tf.math.rsqrt(tf.math.add(var, tf.constant(eps))));
        return tf.math.add(tf.math.mul(normed, gamma), beta);
    }

    /** Exact GELU: 0.5 x (1 + erf(x / sqrt 2)); the fused Gelu op has no registered gradient. */
    public static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> erf = tf.math.erf(tf.math.mul(x, tf.constant(INV_SQRT2)));
        return tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(erf, tf.constant(1f)));
    }

    /** [B, S, D] to heads [B, H, S, D/H]. */
    public static Operand<TFloat32> splitHeads(Ops tf, Operand<TFloat32> x, int seq, int heads, int headDim) {
        Operand<TFloat32> r = tf.reshape(x, ints(tf, -1, seq, heads, headDim));
        return tf.linalg.transpose(r, ints(tf, 0, 2, 1, 3));
    }

    /** Heads [B, H, S, D/H] back to [B, S, D]. */
    public static Operand<TFloat32> mergeHeads(Ops tf, Operand<TFloat32> x, int seq, int dim) {
        Operand<TFloat32> t = tf.linalg.transpose(x, ints(tf, 0, 2, 1, 3));
        return tf.reshape(t, ints(tf, -1, seq, dim));
    }
}
