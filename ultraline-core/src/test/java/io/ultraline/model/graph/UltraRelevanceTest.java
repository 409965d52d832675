package io.ultraline.model.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.VitWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

class UltraRelevanceTest {

    @ParameterizedTest(name = "{3} cls={0} depth={1} layer={2} batch={4}")
    @CsvSource({
        "true,2,2,FAST,2",
        "false,3,3,FAST,3",
        "true,3,2,FAST,1",
        "true,1,1,FAST,2",
        "false,2,1,FAST,2",
        "true,2,2,REPLICATED,2",
        "false,3,3,REPLICATED,2",
        "true,3,2,REPLICATED,2"
    })
    void batchedMapsEqualOneTargetPerRunAndTheJavaRule(
            boolean cls, int depth, int layer, UltraVariant variant, int batch) {
        VitConfig c = TinyVits.config(32, 8, 16, depth, 2, cls, layer);
        VitWeights w = TinyVits.random(c, 21, 3f);
        float[] images = TinyVits.images(batch, 32, 5);
        int[] targets = {0, 5, 15, 9};
        int n = c.numPatches();
        float[] batched =
                relevance(c, w, images, batch, targets, variant, java.util.EnumSet.noneOf(BackwardTerm.class));
        int size = 32 * 32 * 3;
        double num = 0;
        double den = 0;
        try (SingleTargetGradients single = new SingleTargetGradients(c, w)) {
            for (int b = 0; b < batch; b++) {
                float[] one = java.util.Arrays.copyOfRange(images, b * size, (b + 1) * size);
                for (int ti = 0; ti < targets.length; ti++) {
                    SingleTargetGradients.Tensors ag = single.run(one, targets[ti]);
                    double[] expected = ReferenceRule.row(
                            ag.attention(), ag.gradient(), targets[ti] + c.patchOffset(), c.patchOffset());
                    int from = (b * targets.length + ti) * n;
                    // one map may sit a little further off: max(0, G*A) turns float noise near 0 into a kink
                    assertThat(ReferenceRule.relError(batched, from, expected))
                            .as("image %d target %d", b, targets[ti])
                            .isLessThan(5e-5);
                    for (int j = 0; j < n; j++) {
                        num += (batched[from + j] - expected[j]) * (batched[from + j] - expected[j]);
                        den += expected[j] * expected[j];
                    }
                }
            }
        }
        assertThat(Math.sqrt(num / den)).as("relative error over all maps").isLessThan(1e-5);
    }

    /** Leaving out any one term of the hand-written backward must break the equality above. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(BackwardTerm.class)
    void droppingOneBackwardTermIsNoticed(BackwardTerm term) {
        VitConfig c = TinyVits.config(32, 8, 16, 3, 2, true, 3);
        VitWeights w = TinyVits.random(c, 21, 3f);
        float[] images = TinyVits.images(1, 32, 5);
        int[] targets = {0, 5, 15, 9};
        float[] exact =
                relevance(c, w, images, 1, targets, UltraVariant.FAST, java.util.EnumSet.noneOf(BackwardTerm.class));
        float[] broken = relevance(c, w, images, 1, targets, UltraVariant.FAST, java.util.EnumSet.of(term));
        assertThat(ReferenceRule.relError(broken, exact)).isGreaterThan(1e-3);
    }

    @Test
    void fastAndReplicatedVariantsAgreeOnAllTargetsOfSeveralImages() {
        VitConfig c = TinyVits.config(32, 8, 16, 3, 2, true, 3);
        VitWeights w = TinyVits.random(c, 8, 3f);
        float[] images = TinyVits.images(4, 32, 2);
        int[] targets = new int[c.numPatches()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i;
        }
        float[] fast =
                relevance(c, w, images, 4, targets, UltraVariant.FAST, java.util.EnumSet.noneOf(BackwardTerm.class));
        float[] slow = relevance(
                c, w, images, 4, targets, UltraVariant.REPLICATED, java.util.EnumSet.noneOf(BackwardTerm.class));
        // two float32 evaluation orders of the same sums: 1.14e-5 on one CPU, under 1e-5 on another
        assertThat(ReferenceRule.relError(fast, slow)).isLessThan(3e-5);
    }

    private static float[] relevance(
            VitConfig c,
            VitWeights w,
            float[] images,
            int batch,
            int[] targets,
            UltraVariant variant,
            java.util.Set<BackwardTerm> dropped) {
        int size = c.imageSize();
        try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
            org.tensorflow.op.Ops tf = org.tensorflow.op.Ops.create(g);
            GraphWeights gw = GraphWeights.constants(tf, GraphLayout.prepare(w, c));
            var x = tf.placeholder(org.tensorflow.types.TFloat32.class);
            var t = tf.placeholder(org.tensorflow.types.TInt32.class);
            UltraOutputs out = variant == UltraVariant.FAST
                    ? FastUltraGraph.build(tf, gw, c, x, t, null, dropped)
                    : ReplicatedUltraGraph.build(tf, gw, c, x, t);
            try (Session s = new Session(g);
                    Tensor in = TensorIo.floats(images, batch, size, size, 3);
                    Tensor tt = TensorIo.ints(targets);
                    Result r = s.runner()
                            .feed(x, in)
                            .feed(t, tt)
                            .fetch(out.relevance())
                            .fetch(out.tokens())
                            .run()) {
                assertThat(TensorIo.shape(r.get(0))).containsExactly(batch, targets.length, c.numPatches());
                assertThat(TensorIo.shape(r.get(1))).containsExactly(batch, c.numPatches(), c.dim());
                return TensorIo.read(r.get(0));
            }
        }
    }

    /** The graph's gradient of the objective w.r.t. attention against central differences in float64. */
    @Test
    void attentionGradientsMatchFiniteDifferences() {
        VitConfig c = TinyVits.config(16, 8, 8, 2, 2, true, 2);
        VitWeights w = TinyVits.random(c, 3, 2f);
        float[] image = TinyVits.images(1, 16, 9);
        int target = 2;
        ReferenceVit ref = new ReferenceVit(c, w);
        SingleTargetGradients.Tensors ag;
        try (SingleTargetGradients single = new SingleTargetGradients(c, w)) {
            ag = single.run(image, target);
        }
        double eps = 1e-5;
        double worst = 0;
        for (int b = 0; b < c.targetLayer(); b++) {
            for (int h = 0; h < c.heads(); h++) {
                for (int i = 0; i < c.sequenceLength(); i++) {
                    for (int j = 0; j < c.sequenceLength(); j++) {
                        double up = ref.objective(image, 0, target, perturb(b, h, i, j, eps));
                        double down = ref.objective(image, 0, target, perturb(b, h, i, j, -eps));
                        double numeric = (up - down) / (2 * eps);
                        double graph = ag.gradient()[b][h][i][j];
                        worst = Math.max(worst, Math.abs(graph - numeric) / (Math.abs(numeric) + 1e-3));
                    }
                }
            }
        }
        assertThat(worst).isLessThan(1e-3);
    }

    private static java.util.function.BiFunction<Integer, double[][][], double[][][]> perturb(
            int block, int head, int i, int j, double eps) {
        return (b, a) -> {
            if (b == block) {
                a[head][i][j] += eps;
            }
            return a;
        };
    }
}
