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
 * tokens are what the defect profiles compare. With {@link Distillation} on, a third loss,
 * {@link MaskedTokenObjective}, makes the tokens predict what an EMA teacher sees at hidden
 * places; the teacher lives in the same graph and is updated by assign ops after each step. With a
 * texture weight above 0, {@link TextureObjective} makes the export layer's tokens carry their
 * patch's filter-bank statistics. One graph and one session for the whole run.
 */
public final class PretextTrainer implements AutoCloseable {

    /**
     * Loss and accuracies of one step: family accuracy over images, pasted-patch accuracy over
     * patches, the masked-token loss alone (0 without distillation) and the texture-statistics
     * loss alone (0 without it).
     */
    public record Step(float loss, float familyAccuracy, float patchAccuracy, float distillLoss, float textureLoss) {}

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
    private final Placeholder<TFloat32> mask;
    private final Operand<TFloat32> distillLoss;
    private final MaskedTokenObjective distill;
    private final BlockMask masks;
    private final Operand<TFloat32> textureLoss;

    public PretextTrainer(VitConfig config, TrainingSettings s) {
        // trained to full depth; the teacher's target is the layer the model will be exported at
        VitConfig exported = config;
        this.config = config.withTargetLayer(config.depth());
        VitConfig c = this.config;
        Distillation dist = s.distillation();
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
            if (dist.enabled()) {
                MaskedTokenObjective.addWeights(layout, r, c.dim());
            }
            if (s.textureWeight() > 0) {
                TextureObjective.addWeights(layout, r, c.dim(), s.textureMasked());
            }
            boolean hiding = dist.enabled() || s.textureMasked();
            weights = GraphWeights.variables(tf, layout);

            images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.imageSize(), c.imageSize(), 3)));
            family = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            pasted = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
            mask = hiding ? tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.numPatches()))) : null;
            VitForward.Outputs fwd = VitForward.build(
                    tf.withSubScope("vit"),
                    weights,
                    c,
                    images,
                    dist.enabled()
                            ? MaskedTokenObjective.tokenMask(weights, mask)
                            : s.textureMasked() ? TextureObjective.tokenMask(weights, mask) : null);
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
            textureLoss = s.textureWeight() > 0
                    ? TextureObjective.loss(
                            tf, weights, c, exportedTokens(tf, fwd, exported), images, s.textureMasked() ? mask : null)
                    : null;
            // a hidden patch cannot tell whether it was pasted over: only seen patches count
            Operand<TFloat32> seen =
                    hiding ? tf.math.sub(tf.constant(1f), tf.reshape(mask, VitOps.ints(tf, -1))) : null;
            if (dist.enabled()) {
                distill = MaskedTokenObjective.build(
                        tf, weights, layout, exported, images, mask, tf.dtypes.cast(pasted, TFloat32.class), normed);
                distillLoss = distill.loss();
                loss = withTexture(
                        tf,
                        tf.math.add(
                                tf.math.add(familyLoss, weightedPatchLoss(tf, patchLogits, pasted, seen)),
                                tf.math.mul(distillLoss, tf.constant(dist.weight()))),
                        s.textureWeight());
            } else {
                distill = null;
                distillLoss = null;
                loss = withTexture(
                        tf,
                        tf.math.add(familyLoss, weightedPatchLoss(tf, patchLogits, pasted, seen)),
                        s.textureWeight());
            }
            familyHits = hits(tf, familyLogits, family);
            patchHits = seen == null ? hits(tf, patchLogits, pasted) : seenHits(tf, patchLogits, pasted, seen);
            train = dist.enabled()
                    ? distill.trainWithTeacher(graph, tf, weights, s.learningRate(), loss, dist.momentum())
                    : new Adam(graph, s.learningRate()).minimize(loss);
            // masked texture targets hide patches as the distillation does by default
            masks = hiding
                    ? new BlockMask(
                            c.gridSize(),
                            c.gridSize(),
                            dist.enabled() ? dist.maskRatio() : Distillation.MASK_RATIO,
                            dist.enabled() ? dist.maskedImageShare() : Distillation.MASKED_IMAGE_SHARE,
                            s.seed() + 2)
                    : null;
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

    /**
     * The patch tokens of the layer the model will be exported at: the input of the block after
     * it, or the last block's output when it is the last.
     */
    private static Operand<TFloat32> exportedTokens(Ops tf, VitForward.Outputs fwd, VitConfig exported) {
        int layer = exported.targetLayer();
        Operand<TFloat32> sequence =
                layer < fwd.blocks().size() ? fwd.blocks().get(layer).input() : fwd.sequence();
        return VitForward.patchTokens(tf, sequence, exported);
    }

    private Operand<TFloat32> withTexture(Ops tf, Operand<TFloat32> pretext, float weight) {
        return textureLoss == null ? pretext : tf.math.add(pretext, tf.math.mul(textureLoss, tf.constant(weight)));
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
        return weightedPatchLoss(tf, logits, labels, null);
    }

    /** The same, with each patch's weight also multiplied by {@code counted} (0 or 1), unless null. */
    private static Operand<TFloat32> weightedPatchLoss(
            Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> counted) {
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(2), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perPatch =
                tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        Operand<TFloat32> byLabel = tf.math.add(
                tf.constant(1f), tf.math.mul(tf.dtypes.cast(labels, TFloat32.class), tf.constant(PASTED_WEIGHT - 1)));
        Operand<TFloat32> weights = counted == null ? byLabel : tf.math.mul(byLabel, counted);
        return tf.math.div(
                tf.reduceSum(tf.math.mul(perPatch, weights), tf.constant(0)), tf.reduceSum(weights, tf.constant(0)));
    }

    private static Operand<TFloat32> hits(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
        Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
        return tf.math.mean(tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class), tf.constant(0));
    }

    /** Accuracy over the patches the student saw (hidden ones have no pasted-patch target). */
    private static Operand<TFloat32> seenHits(
            Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, Operand<TFloat32> seen) {
        Operand<TInt32> predicted = tf.math.argMax(logits, tf.constant(1), TInt32.class);
        Operand<TFloat32> right = tf.dtypes.cast(tf.math.equal(predicted, labels), TFloat32.class);
        return tf.math.div(
                tf.reduceSum(tf.math.mul(right, seen), tf.constant(0)),
                tf.math.maximum(tf.reduceSum(seen, tf.constant(0)), tf.constant(1f)));
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

    /** One optimisation step on a batch (with distillation: its masks drawn from the trainer's own generator). */
    public Step step(LabelledBatch b) {
        return run(b, nextMasks(b), true);
    }

    /** One optimisation step with the given masks, [size * patches], 1 = hidden from the student. */
    public Step step(LabelledBatch b, float[] hidden) {
        return run(b, requireMasks(b, hidden), true);
    }

    /** Loss and accuracies without updating the weights. */
    public Step evaluate(LabelledBatch b) {
        return run(b, nextMasks(b), false);
    }

    /** Loss and accuracies with the given masks, without updating the weights. */
    public Step evaluate(LabelledBatch b, float[] hidden) {
        return run(b, requireMasks(b, hidden), false);
    }

    private float[] nextMasks(LabelledBatch b) {
        return masks == null ? null : masks.next(b.size());
    }

    private float[] requireMasks(LabelledBatch b, float[] hidden) {
        if (masks == null) {
            throw new IllegalStateException(
                    "masks only apply to a trainer with distillation on or masked texture targets");
        }
        if (hidden.length != b.size() * config.numPatches()) {
            throw new IllegalArgumentException("masks need one value per image and patch: " + b.size() + " x "
                    + config.numPatches() + ", got " + hidden.length);
        }
        return hidden;
    }

    private Step run(LabelledBatch b, float[] hidden, boolean update) {
        int s = config.imageSize();
        try (Tensor x = TensorIo.floats(b.images(), b.size(), s, s, 3);
                Tensor f = TensorIo.ints(b.family());
                Tensor p = TensorIo.ints(b.pasted());
                Tensor m = hidden == null ? null : TensorIo.floats(hidden, b.size(), config.numPatches())) {
            Session.Runner runner =
                    session.runner().feed(images, x).feed(family, f).feed(pasted, p);
            if (update) {
                runner.addTarget(train);
            }
            runner.fetch(loss).fetch(familyHits).fetch(patchHits);
            if (m != null) {
                runner.feed(mask, m);
            }
            if (distillLoss != null) {
                runner.fetch(distillLoss);
            }
            if (textureLoss != null) {
                runner.fetch(textureLoss);
            }
            try (Result r = runner.run()) {
                int next = 3;
                float distilled = distillLoss == null ? 0f : scalar(r.get(next++));
                float texture = textureLoss == null ? 0f : scalar(r.get(next));
                return new Step(scalar(r.get(0)), scalar(r.get(1)), scalar(r.get(2)), distilled, texture);
            }
        }
    }

    /** The current backbone weights in timm naming (heads left out), ready for export. */
    public VitWeights weights() {
        return backbone(weights);
    }

    /**
     * The EMA teacher's backbone in timm naming: an average of the student over its last few
     * hundred steps, which self-distillation methods often find the better encoder.
     */
    public VitWeights teacherWeights() {
        if (distill == null) {
            throw new IllegalStateException("only a trainer with distillation on has a teacher");
        }
        return backbone(distill.teacher());
    }

    private VitWeights backbone(GraphWeights from) {
        Map<String, WeightTensor> layout = new LinkedHashMap<>();
        Session.Runner runner = session.runner();
        java.util.List<String> names = new java.util.ArrayList<>();
        from.all().forEach((name, op) -> {
            if (!name.startsWith("head.") && !name.startsWith(MaskedTokenObjective.PREFIX)) {
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
