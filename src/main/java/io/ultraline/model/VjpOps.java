package io.ultraline.model;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Vector-Jacobian products of the ViT's pieces, written out by hand so a backward can be batched
 * over many cotangent seeds with the seed as a leading dimension: gradients flow from dy to dx
 * of a linear layer, LayerNorm, GELU and softmax attention.
 */
final class VjpOps {

    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final float INV_SQRT_2PI = (float) (1.0 / Math.sqrt(2.0 * Math.PI));

    private VjpOps() {
    }

    /** A shape [lead..., rest...] where the leading dims are a runtime vector. */
    static Operand<TInt32> shape(Ops tf, Operand<TInt32> lead, int... rest) {
        return tf.concat(List.of(lead, tf.constant(rest)), tf.constant(0));
    }

    /** dy [..., out] through y = x W (W [in, out]): dx = dy W^T, reshaped to {@code shape}. */
    static Operand<TFloat32> linear(Ops tf, Operand<TFloat32> dy, Operand<TFloat32> w, int out,
                                    Operand<TInt32> shape) {
        Operand<TFloat32> flat = tf.reshape(dy, tf.constant(new int[] {-1, out}));
        return tf.reshape(tf.linalg.matMul(flat, w, MatMul.transposeB(true)), shape);
    }

    /**
     * dy through LayerNorm over the last axis, given the forward input x (broadcastable), with
     * dxhat = dy * gamma already formed by the caller: gamma can then be folded into the weights of
     * the linear layer whose backward produced dy ({@link #scaleRows}), which saves a pass over
     * every seed's tensor.
     */
    static Operand<TFloat32> layerNorm(Ops tf, Operand<TFloat32> dxhat, Operand<TFloat32> x, float eps,
                                       java.util.Set<BackwardTerm> dropped) {
        Operand<TInt32> last = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> rstd = tf.math.rsqrt(tf.math.add(
                tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true)), tf.constant(eps)));
        Operand<TFloat32> xhat = tf.math.mul(centred, rstd);
        Operand<TFloat32> meanD = tf.math.mean(dxhat, last, Mean.keepDims(true));
        Operand<TFloat32> meanDx = tf.math.mean(tf.math.mul(dxhat, xhat), last, Mean.keepDims(true));
        Operand<TFloat32> centredGrad = tf.math.sub(dxhat, meanD);
        if (dropped.contains(BackwardTerm.LAYER_NORM_XHAT)) {
            return tf.math.mul(rstd, centredGrad);
        }
        return tf.math.mul(rstd, tf.math.sub(centredGrad, tf.math.mul(xhat, meanDx)));
    }

    /** W [in, out] with row i scaled by gamma[i]: a constant Grappler folds once per graph. */
    static Operand<TFloat32> scaleRows(Ops tf, Operand<TFloat32> gamma, Operand<TFloat32> w) {
        return tf.math.mul(tf.expandDims(gamma, tf.constant(1)), w);
    }

    /** d gelu(u) / du for the exact GELU: Phi(u) + u phi(u). */
    static Operand<TFloat32> geluDerivative(Ops tf, Operand<TFloat32> u, java.util.Set<BackwardTerm> dropped) {
        Operand<TFloat32> cdf = tf.math.mul(tf.constant(0.5f),
                tf.math.add(tf.constant(1f), tf.math.erf(tf.math.mul(u, tf.constant(INV_SQRT2)))));
        Operand<TFloat32> pdf = tf.math.mul(tf.constant(INV_SQRT_2PI),
                tf.math.exp(tf.math.mul(tf.constant(-0.5f), tf.math.square(u))));
        return dropped.contains(BackwardTerm.GELU_PDF) ? cdf : tf.math.add(cdf, tf.math.mul(u, pdf));
    }

    /**
     * dA through A = softmax(S) along the last axis, from the product ga = dA * A (which the
     * ULTra rule needs anyway): dS = A (dA - sum(dA A)) = ga - A sum(ga).
     */
    static Operand<TFloat32> softmax(Ops tf, Operand<TFloat32> ga, Operand<TFloat32> a,
                                     java.util.Set<BackwardTerm> dropped) {
        if (dropped.contains(BackwardTerm.SOFTMAX_DOT)) {
            return ga;
        }
        Operand<TFloat32> dot = tf.reduceSum(ga, tf.constant(-1), ReduceSum.keepDims(true));
        return tf.math.sub(ga, tf.math.mul(a, dot));
    }
}
