package io.ultraline.model.train;

import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphWeights;
import io.ultraline.model.graph.VitForward;
import io.ultraline.model.graph.VitOps;
import io.ultraline.model.weights.WeightTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Masked-token prediction against an exponential-moving-average teacher, in the spirit of
 * data2vec and iBOT. The student sees a frame with blocks of patches hidden behind a learned mask
 * token; the teacher, an EMA of the student's weights that no gradient reaches, sees the whole
 * frame; a linear predictor on the student's final tokens must regress, at the hidden places, the
 * teacher's tokens at the export target layer, normalised per token without parameters. So the
 * exported layer is trained to hold what a patch's surroundings imply about it, which the
 * pasted-patch pretext (a local "does this look foreign") does not ask for.
 */
public final class MaskedTokenObjective {

    /** Prefix of the student-side weights of this objective; they are left out of the export. */
    public static final String PREFIX = "mim.";

    /** Name prefix of the teacher's variables; the optimizer leaves them alone. */
    public static final String TEACHER = "teacher";

    private static final float TARGET_EPS = 1e-6f;

    private final Operand<TFloat32> loss;
    private final GraphWeights teacher;

    private MaskedTokenObjective(Operand<TFloat32> loss, GraphWeights teacher) {
        this.loss = loss;
        this.teacher = teacher;
    }

    /** Adds the mask token and the predictor to a student layout (draws from {@code r} after every other head). */
    public static void addWeights(Map<String, WeightTensor> layout, SplittableRandom r, int dim) {
        float[] token = new float[dim];
        for (int i = 0; i < dim; i++) {
            token[i] = (float) (r.nextGaussian() * 0.02);
        }
        layout.put(PREFIX + "mask_token", WeightTensor.of(token, dim));
        float[] w = new float[dim * dim];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() / Math.sqrt(dim));
        }
        layout.put(PREFIX + "predictor.w", WeightTensor.of(w, dim, dim));
        layout.put(PREFIX + "predictor.b", WeightTensor.of(new float[dim], dim));
    }

    /** The mask token as the student's forward pass needs it. */
    public static VitForward.TokenMask tokenMask(GraphWeights student, Operand<TFloat32> mask) {
        return new VitForward.TokenMask(mask, student.get(PREFIX + "mask_token"));
    }

    /**
     * @param initial        the student's initial graph-layout weights; the teacher starts as a copy
     *                       of its backbone
     * @param teacherConfig  the export configuration: its target layer is the one regressed
     * @param mask           [B, N], 1 where the student saw the mask token
     * @param pasted         [B * N] pretext labels; a hidden pasted patch is no target, since its
     *                       content cannot follow from the surroundings
     * @param studentTokens  the student's final-norm patch tokens on the masked frame, [B, N, D]
     */
    public static MaskedTokenObjective build(
            Ops tf,
            GraphWeights student,
            Map<String, WeightTensor> initial,
            VitConfig teacherConfig,
            Operand<TFloat32> images,
            Operand<TFloat32> mask,
            Operand<TFloat32> pasted,
            Operand<TFloat32> studentTokens) {
        Map<String, WeightTensor> backbone = new LinkedHashMap<>();
        initial.forEach((name, w) -> {
            if (!name.startsWith("head.") && !name.startsWith(PREFIX)) {
                backbone.put(name, w);
            }
        });
        GraphWeights teacher = GraphWeights.variables(tf, TEACHER, backbone);
        int d = teacherConfig.dim();
        VitForward.Outputs seen = VitForward.build(tf.withSubScope(TEACHER), teacher, teacherConfig, images);
        Operand<TFloat32> target = normalisedTargets(
                tf, tf.stopGradient(VitForward.patchTokens(tf, seen.sequence(), teacherConfig)), TARGET_EPS);
        Operand<TFloat32> flat = tf.reshape(studentTokens, VitOps.ints(tf, -1, d));
        Operand<TFloat32> predicted = tf.math.add(
                tf.linalg.matMul(flat, student.get(PREFIX + "predictor.w")), student.get(PREFIX + "predictor.b"));
        Operand<TFloat32> weights =
                tf.math.mul(tf.reshape(mask, VitOps.ints(tf, -1)), tf.math.sub(tf.constant(1f), pasted));
        Operand<TFloat32> loss = maskedMse(tf, predicted, tf.reshape(target, VitOps.ints(tf, -1, d)), weights);
        return new MaskedTokenObjective(loss, teacher);
    }

    /** Mean squared error of the weighted places (weights 0 or 1 per row), 0 when no place counts. */
    public static Operand<TFloat32> maskedMse(
            Ops tf, Operand<TFloat32> predicted, Operand<TFloat32> target, Operand<TFloat32> weights) {
        Operand<TFloat32> perPlace = tf.math.mean(tf.math.squaredDifference(predicted, target), VitOps.ints(tf, 1));
        Operand<TFloat32> counted = tf.reduceSum(weights, VitOps.ints(tf, 0));
        return tf.math.div(
                tf.reduceSum(tf.math.mul(perPlace, weights), VitOps.ints(tf, 0)),
                tf.math.maximum(counted, tf.constant(1f)));
    }

    /**
     * Zero mean and unit variance over each token's features, with no learned scale: the targets
     * keep one scale through training, so the student cannot shrink the loss by shrinking them.
     */
    public static Operand<TFloat32> normalisedTargets(Ops tf, Operand<TFloat32> tokens, float eps) {
        Operand<TFloat32> mean = tf.math.mean(tokens, VitOps.ints(tf, -1), Mean.keepDims(true));
        Operand<TFloat32> var =
                tf.math.mean(tf.math.squaredDifference(tokens, mean), VitOps.ints(tf, -1), Mean.keepDims(true));
        return tf.math.mul(tf.math.sub(tokens, mean), tf.math.rsqrt(tf.math.add(var, tf.constant(eps))));
    }

    /**
     * teacher = momentum * teacher + (1 - momentum) * student for every teacher weight; build it
     * with {@code tf} carrying a control dependency on the optimizer step, so that it reads the
     * student's updated weights.
     */
    public static Op emaUpdate(Ops tf, GraphWeights teacher, GraphWeights student, float momentum) {
        List<Op> assigns = new ArrayList<>();
        Operand<TFloat32> keep = tf.constant(momentum);
        Operand<TFloat32> take = tf.constant(1f - momentum);
        teacher.all()
                .forEach((name, t) -> assigns.add(
                        tf.assign(t, tf.math.add(tf.math.mul(t, keep), tf.math.mul(student.get(name), take)))));
        return tf.withControlDependencies(assigns).noOp();
    }

    /**
     * Adam on the student's variables only, then the teacher's EMA update: the returned op runs
     * both, in that order. The optimizer's own {@code minimize} differentiates by every variable
     * in the graph and TensorFlow refuses the teacher's, which no gradient path reaches.
     */
    public Op trainWithTeacher(
            Graph graph, Ops tf, GraphWeights student, float learningRate, Operand<TFloat32> total, float momentum) {
        List<Operand<TFloat32>> vars = new ArrayList<>(student.all().values());
        Output<?>[] xs = vars.stream().map(Operand::asOutput).toArray(Output<?>[]::new);
        Output<?>[] grads = graph.addGradients(total.asOutput(), xs);
        List<Optimizer.GradAndVar<? extends TType>> pairs = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            pairs.add(new Optimizer.GradAndVar<>(
                    grads[i].expect(TFloat32.class), vars.get(i).asOutput()));
        }
        Adam adam = new Adam(graph, learningRate);
        Op step = adam.applyGradients(pairs, adam.getOptimizerName());
        return emaUpdate(tf.withControlDependencies(List.of(step)), teacher, student, momentum);
    }

    public Operand<TFloat32> loss() {
        return loss;
    }

    public GraphWeights teacher() {
        return teacher;
    }
}
