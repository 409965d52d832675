package io.ultraline.model.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * LayerNorm's backward over many seeds, with as much of it as possible moved into per-frame
 * tensors and weights. With xhat = c * r (c the centred input, r = 1 / std) and the incoming
 * dxhat = dy W'^T (W' the next layer's weights with gamma folded in):
 * <pre>
 *   dx = r (dxhat - mean(dxhat) - xhat mean(dxhat xhat))
 *      = P + k sum(P c),   P = r dxhat_c,   k = -r^2 c / D
 * </pre>
 * where dxhat_c = dy W_c^T comes centred from weights whose rows had their column mean removed
 * ({@link #centredRows}). The caller forms P (often for free, by scaling a per-frame multiplier),
 * so each seed's tensor is touched by one multiply, one row sum, one multiply and one add instead
 * of seven passes.
 *
 * @param centred c, [B, ..., S, D] broadcastable over seeds
 * @param rstd    r, [B, ..., S, 1]
 * @param k       -r^2 c / D, [B, ..., S, D]
 */
record LayerNormBackward(Operand<TFloat32> centred, Operand<TFloat32> rstd, Operand<TFloat32> k) {

    /** From the forward input x [B, S, D] of the LayerNorm. */
    static LayerNormBackward of(Ops tf, Operand<TFloat32> x, float eps, int dim) {
        Operand<TInt32> last = tf.constant(-1);
        Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, last, Mean.keepDims(true)));
        Operand<TFloat32> rstd = tf.math.rsqrt(
                tf.math.add(tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true)), tf.constant(eps)));
        Operand<TFloat32> k = tf.math.mul(tf.math.mul(tf.math.square(rstd), centred), tf.constant(-1f / dim));
        return new LayerNormBackward(centred, rstd, k);
    }

    /** The same tensors with a size-1 axis inserted (the seed axis, for broadcasting). */
    LayerNormBackward expand(Ops tf, int axis) {
        Operand<TInt32> a = tf.constant(axis);
        return new LayerNormBackward(tf.expandDims(centred, a), tf.expandDims(rstd, a), tf.expandDims(k, a));
    }

    /** The rows of the given sequence positions: [B, S, X] to [B, T, X]. */
    LayerNormBackward rows(Ops tf, Operand<TInt32> positions) {
        Operand<TInt32> axis = tf.constant(1);
        return new LayerNormBackward(
                tf.gather(centred, positions, axis), tf.gather(rstd, positions, axis), tf.gather(k, positions, axis));
    }

    /**
     * residual + dx from P = r dxhat_c. Without {@code residual} (null) just dx. Dropping
     * {@link BackwardTerm#LAYER_NORM_XHAT} leaves out the k sum(P c) term (tests only).
     */
    Operand<TFloat32> plus(Ops tf, Operand<TFloat32> residual, Operand<TFloat32> p, Set<BackwardTerm> dropped) {
        List<Operand<TFloat32>> terms = new ArrayList<>(3);
        if (residual != null) {
            terms.add(residual);
        }
        terms.add(p);
        if (!dropped.contains(BackwardTerm.LAYER_NORM_XHAT)) {
            Operand<TFloat32> dot = tf.reduceSum(tf.math.mul(p, centred), tf.constant(-1), ReduceSum.keepDims(true));
            terms.add(tf.math.mul(k, dot));
        }
        return terms.size() == 1 ? terms.get(0) : tf.math.addN(terms);
    }

    /**
     * W [in, out] with row i scaled by gamma[i] and each column's mean over rows removed, so that
     * dy W^T comes out already centred over the LayerNorm axis. Constant-folded once per graph.
     */
    static Operand<TFloat32> centredRows(Ops tf, Operand<TFloat32> gamma, Operand<TFloat32> w) {
        Operand<TFloat32> scaled = VjpOps.scaleRows(tf, gamma, w);
        return tf.math.sub(scaled, tf.math.mean(scaled, tf.constant(0), Mean.keepDims(true)));
    }
}
