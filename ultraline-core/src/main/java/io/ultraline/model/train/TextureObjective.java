package io.ultraline.model.train;

import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphWeights;
import io.ultraline.model.graph.VitForward;
import io.ultraline.model.graph.VitOps;
import io.ultraline.model.weights.WeightTensor;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Texture-statistics regression, in the spirit of MaskFeat's hand-made targets (on whole frames
 * unless the targets are masked): a linear head on every patch token of the export target layer
 * (normalised per token without parameters) predicts that patch's {@link TextureStatistics}. The
 * loss is their mean squared error. A linear read-out means the statistics must lie along
 * straight directions of the token space, which is the space the profiles' nearest-neighbour
 * distances measure.
 */
final class TextureObjective {

    static final String WEIGHT = "head.texture.w";
    static final String BIAS = "head.texture.b";
    static final String MASK_TOKEN = "head.texture.mask_token";

    private static final float TOKEN_EPS = 1e-6f;

    private TextureObjective() {}

    /**
     * Adds the linear head, and with {@code masked} a learned mask token (draws from {@code r}
     * after every other head).
     */
    static void addWeights(Map<String, WeightTensor> layout, SplittableRandom r, int dim, boolean masked) {
        int f = TextureStatistics.FEATURES;
        float[] w = new float[dim * f];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() / Math.sqrt(dim));
        }
        layout.put(WEIGHT, WeightTensor.of(w, dim, f));
        layout.put(BIAS, WeightTensor.of(new float[f], f));
        if (masked) {
            float[] token = new float[dim];
            for (int i = 0; i < dim; i++) {
                token[i] = (float) (r.nextGaussian() * 0.02);
            }
            layout.put(MASK_TOKEN, WeightTensor.of(token, dim));
        }
    }

    /** The mask token as the student's forward pass needs it (masked targets only). */
    static VitForward.TokenMask tokenMask(GraphWeights w, Operand<TFloat32> mask) {
        return new VitForward.TokenMask(mask, w.get(MASK_TOKEN));
    }

    /**
     * @param tokens the student's patch tokens at the export target layer, [B, N, D]
     * @param images the frames the tokens came from, [B, H, W, 3] in [0, 1]
     * @param hidden [B, N], 1 where the student saw the mask token: only those places are
     *               targets (MaskFeat's form: a hidden patch's statistics follow from its
     *               surroundings); null makes every patch a target
     */
    static Operand<TFloat32> loss(
            Ops tf,
            GraphWeights w,
            VitConfig c,
            Operand<TFloat32> tokens,
            Operand<TFloat32> images,
            Operand<TFloat32> hidden) {
        Operand<TFloat32> normed = MaskedTokenObjective.normalisedTargets(tf, tokens, TOKEN_EPS);
        Operand<TFloat32> predicted = tf.math.add(
                tf.linalg.matMul(tf.reshape(normed, VitOps.ints(tf, -1, c.dim())), w.get(WEIGHT)), w.get(BIAS));
        Operand<TFloat32> target = tf.reshape(
                TextureStatistics.standardised(tf, images, c), VitOps.ints(tf, -1, TextureStatistics.FEATURES));
        if (hidden != null) {
            return MaskedTokenObjective.maskedMse(tf, predicted, target, tf.reshape(hidden, VitOps.ints(tf, -1)));
        }
        return tf.math.mean(tf.math.squaredDifference(predicted, target), VitOps.ints(tf, 0, 1));
    }
}
