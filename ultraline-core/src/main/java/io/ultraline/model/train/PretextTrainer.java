package io.ultraline.model.train;

import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphLayout;
import io.ultraline.model.graph.GraphWeights;
import io.ultraline.model.graph.VitForward;
import io.ultraline.model.graph.VitOps;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.RandomVitWeights;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains a ViT on two label-free pretext tasks at once: which material family a frame shows (a
 * head on the mean of the final-norm patch tokens) and, per patch, whether the augmentation
 * pasted foreign content over it (a head on every patch token, in the spirit of CutPaste and
 * replaced-token detection). The second task gives every token a local training signal; the
 * tokens are what the defect profiles compare. One graph and one session for the whole run.
 */
public final class PretextTrainer implements AutoCloseable {

    /** Loss and accuracies of one step: family accuracy over images, pasted-patch accuracy over patches. */
    public record Step(float loss, float familyAccuracy, float patchAccuracy) {}

    private static final float PASTED_WEIGHT = 8f;

    private final VitConfig config;
    private final Graph graph = new Graph();
    private final Session session;
    private final GraphWeights weights;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> family;
    private final Placeholder<TInt32> pasted;
    private final Operand<TFloat32> loss;
    private final Operand<TFloat32> familyHits;
    private final Operand<TFloat32> patchHits;
    private final Op train;

    public PretextTrainer(VitConfig config, TrainingSettings s) {
        this.config = config.withTargetLayer(config.depth());
        VitConfig c = this.config;
        try {
            Ops tf = Ops.create(graph);
            VitWeights init = RandomVitWeights.create(c, s.seed(), 1f);
            Map<String, WeightTensor> layout = new LinkedHashMap<>(GraphLayout.prepare(init, c));
            layout.put("norm.weight", init.get("norm.weight"));
            layout.put("norm.bias", init.get("norm.bias"));
            java.util.SplittableRandom r = new java.util.SplittableRandom(s.seed() + 1);
            layout.put("head.family.w", small(r, c.dim(), s.familyClasses()));
            layout.put("head.family.b", WeightTensor.of(new float[s.familyClasses()], s.familyClasses()));
            layout.put("head.patch.w", small(r, c.dim(), 2));
            layout.put("head.patch.b", WeightTensor.of(new float[2], 2));
            weights = GraphWeights.variables(tf, layout);

            images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.imageSize(), c.imageSize(), 3)));
            family = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            pasted = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            VitForward.Outputs fwd = VitForward.build(tf.withSubScope("vit"), weights, c, images);
            Operand<TFloat32> normed = VitOps.layerNorm(
                    tf,
                    VitForward.patchTokens(tf, fwd.sequence(), c),
                    weights.get("norm.weight"),
                    weights.get("norm.bias"),
                    c.layerNormEps());
            Operand<TFloat32> pooled = tf.math.mean(normed, tf.constant(1));
            Operand<TFloat32> familyLogits =
                    tf.math.add(tf.linalg.matMul(pooled, weights.get("head.family.w")), weights.get("head.family.b"));
            Operand<TFloat32> perPatch = tf.reshape(normed, VitOps.ints(tf, -1, c.dim()));
            Operand<TFloat32> patchLogits =
                    tf.math.add(tf.linalg.matMul(perPatch, weights.get("head.patch.w")), weights.get("head.patch.b"));
            // the dense op: the sparse one has no gradient in TensorFlow's C++ registry
            Operand<TFloat32> familyLoss = crossEntropy(tf, familyLogits, family, s.familyClasses());
            Operand<TFloat32> patchLoss = weightedPatchLoss(tf, patchLogits, pasted);
            loss = tf.math.add(familyLoss, patchLoss);
            familyHits = hits(tf, familyLogits, family);
            patchHits = hits(tf, patchLogits, pasted);
            train = new Adam(graph, s.learningRate()).minimize(loss);
            ConfigProto cfg = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(s.threads())
                    .setInterOpParallelismThreads(1)
                    .setUsePerSessionThreads(true)
                    .build();
            session = new Session(graph, cfg);
            session.initialize();
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    private static Operand<TFloat32> crossEntropy(
            Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
    }

    /**
     * Pasted patches are rare (a few percent), so they weigh {@value #PASTED_WEIGHT} times more;
     * unweighted, predicting "not pasted" everywhere is a comfortable local minimum.
     */
    private static Operand<TFloat32> weightedPatchLoss(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(2), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perPatch =
                tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        Operand<TFloat32> weights = tf.math.add(
                tf.constant(1f), tf.math.mul(tf.dtypes.cast(labels, TFloat32.class), tf.constant(PASTED_WEIGHT - 1)));
        return tf.math.div(
                tf.reduceSum(tf.math.mul(perPatch, weights), tf.constant(0)), tf.reduceSum(weights, tf.constant(0)));
    }

    private static Operand<TFloat32> hits(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
        return tf.math.mean(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));
    }

    private static WeightTensor small(java.util.SplittableRandom r, int in, int out) {
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextDouble() - 0.5) * 0.02);
        }
        return WeightTensor.of(w, in, out);
    }

    public VitConfig config() {
        return config;
    }

    /** One optimisation step on a batch. */
    public Step step(LabelledBatch b) {
        int s = config.imageSize();
        try (Tensor x = TensorIo.floats(b.images(), b.size(), s, s, 3);
                Tensor f = TensorIo.ints(b.family());
                Tensor p = TensorIo.ints(b.pasted());
                Result r = session.runner()
                        .feed(images, x)
                        .feed(family, f)
                        .feed(pasted, p)
                        .addTarget(train)
                        .fetch(loss)
                        .fetch(familyHits)
                        .fetch(patchHits)
                        .run()) {
            return new Step(scalar(r.get(0)), scalar(r.get(1)), scalar(r.get(2)));
        }
    }

    /** Loss and accuracies without updating the weights. */
    public Step evaluate(LabelledBatch b) {
        int s = config.imageSize();
        try (Tensor x = TensorIo.floats(b.images(), b.size(), s, s, 3);
                Tensor f = TensorIo.ints(b.family());
                Tensor p = TensorIo.ints(b.pasted());
                Result r = session.runner()
                        .feed(images, x)
                        .feed(family, f)
                        .feed(pasted, p)
                        .fetch(loss)
                        .fetch(familyHits)
                        .fetch(patchHits)
                        .run()) {
            return new Step(scalar(r.get(0)), scalar(r.get(1)), scalar(r.get(2)));
        }
    }

    /** The current backbone weights in timm naming (heads left out), ready for export. */
    public VitWeights weights() {
        Map<String, WeightTensor> layout = new LinkedHashMap<>();
        Session.Runner runner = session.runner();
        java.util.List<String> names = new java.util.ArrayList<>();
        weights.all().forEach((name, op) -> {
            if (!name.startsWith("head.")) {
                names.add(name);
                runner.fetch(op);
            }
        });
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                Tensor t = r.get(i);
                layout.put(names.get(i), new WeightTensor(TensorIo.shape(t), TensorIo.read(t)));
            }
        }
        return GraphLayout.toTimm(layout, config);
    }

    private static float scalar(Tensor t) {
        return TensorIo.read(t)[0];
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
