package io.ultraline.model.graph;

import io.ultraline.model.ModelSignatures;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The ULTra target through a token transform W [D', D] (issue 19): f_i = ||W z_i|| instead of
 * ||z_i||. W is an input of the {@code ultra} signature, identity unless fed, so one SavedModel
 * serves every camera's W and a model without one gives the plain target.
 */
final class TargetTransform {

    private TargetTransform() {}

    /** The signature input {@code transform}: W of any row count D', identity D x D when not fed. */
    static PlaceholderWithDefault<TFloat32> input(Ops tf, int dim) {
        float[][] identity = new float[dim][dim];
        for (int i = 0; i < dim; i++) {
            identity[i][i] = 1f;
        }
        return tf.withName(ModelSignatures.TRANSFORM).placeholderWithDefault(tf.constant(identity), Shape.of(-1, dim));
    }

    /** W z for rows z [..., D]: [rows, D'] with the leading axes flattened. */
    static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> z, Operand<TFloat32> w, int dim) {
        Operand<TFloat32> flat = tf.reshape(z, tf.constant(new int[] {-1, dim}));
        return tf.linalg.matMul(flat, w, MatMul.transposeB(true));
    }

    /**
     * The backward seed d ||W z|| / dz = W^T W z / ||W z|| for rows z [..., D], same shape as z.
     * With W = I every product is by 1 or 0, so the seed is z / ||z|| to the bit.
     */
    static Operand<TFloat32> seed(Ops tf, Operand<TFloat32> z, Operand<TFloat32> w, int dim) {
        Operand<TFloat32> y = apply(tf, z, w, dim);
        Operand<TFloat32> back = tf.linalg.matMul(y, w);
        Operand<TFloat32> scaled = tf.math.mul(
                back, tf.math.rsqrt(tf.reduceSum(tf.math.square(y), tf.constant(-1), ReduceSum.keepDims(true))));
        return tf.reshape(scaled, tf.shape(z));
    }
}
