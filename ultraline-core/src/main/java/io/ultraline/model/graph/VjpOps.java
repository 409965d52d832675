package io.ultraline.model.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Vector-Jacobian products of the ViT's pieces, written out by hand so a backward can be batched
 * over many cotangent seeds with the seed as a leading dimension: gradients flow from dy to dx
 * of a linear layer, GELU and softmax attention (LayerNorm: {@link LayerNormBackward}).
 */
final class VjpOps {

    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));

    private VjpOps() {}

    /** dy [..., out] through y = x W (W [in, out]): dx = dy W^T, reshaped to {@code shape}. */
    static Operand<TFloat32> linear(Ops tf, Operand<TFloat32> dy, Operand<TFloat32> w, int out, Operand<TInt32> shape) {
        Operand<TFloat32> flat = tf.reshape(dy, tf.constant(new int[] {-1, out}));
        return tf.reshape(tf.linalg.matMul(flat, w, MatMul.transposeB(true)), shape);
    }

    /** W [in, out] with row i scaled by gamma[i]: a constant Grappler folds once per graph. */
    static Operand<TFloat32> scaleRows(Ops tf, Operand<TFloat32> gamma, Operand<TFloat32> w) {
        return tf.math.mul(tf.expandDims(gamma, tf.constant(1)), w);
    }

    /** d gelu(u) / du for the exact GELU: Phi(u) + u phi(u). */
    static Operand<TFloat32> geluDerivative(Ops tf, Operand<TFloat32> u, java.util.Set<BackwardTerm> dropped) {
        Operand<TFloat32> cdf = tf.math.mul(
                tf.constant(0.5f), tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(u, tf.constant(INV_SQRT2)))));
        Operand<TFloat32> pdf =
                tf.math.mul(tf.constant(INV_SQRT_2PI), tf.math.exp(tf.math.mul(tf.constant(-0.5f), tf.math.square(u))));
        return dropped.contains(BackwardTerm.GELU_PDF) ? cdf : tf.math.add(cdf, tf.math.mul(u, pdf));
    }

    /**
     * dA through A = softmax(S) along the last axis: dS = A (dA - sum(dA A)), with the product
     * ga = dA * A that the ULTra rule needs anyway giving the sum. Written as one subtraction and
     * one product, each broadcasting a single operand (A times a sum broadcast on two axes was the
     * slower form).
     */
    static Operand<TFloat32> softmax(
            Ops tf,
            Operand<TFloat32> da,
            Operand<TFloat32> ga,
            Operand<TFloat32> a,
            java.util.Set<BackwardTerm> dropped) {
        if (dropped.contains(BackwardTerm.SOFTMAX_DOT)) {
            return ga;
        }
        Operand<TFloat32> dot = tf.reduceSum(ga, tf.constant(-1), ReduceSum.keepDims(true));
        return tf.math.mul(a, tf.math.sub(da, dot));
    }
}
