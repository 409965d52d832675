package io.ultraline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

class UltraRelevanceTest {

    @ParameterizedTest(name = "cls={0} depth={1} layer={2}")
    @CsvSource({"true,2,2", "false,3,3", "true,3,2"})
    void batchedMapsEqualOneTargetPerRunAndTheJavaRule(boolean cls, int depth, int layer) {
        VitConfig c = TinyVits.config(32, 8, 16, depth, 2, cls, layer);
        VitWeights w = TinyVits.random(c, 21, 3f);
        int batch = 2;
        float[] images = TinyVits.images(batch, 32, 5);
        int[] targets = {0, 5, 15, 9};
        int n = c.numPatches();
        float[] batched;
        try (VitModelGraph g = VitModelGraph.build(c, GraphLayout.prepare(w, c));
             Session s = new Session(g.graph());
             Tensor in = TensorIo.floats(images, batch, 32, 32, 3);
             Tensor t = TensorIo.ints(targets);
             Result r = s.run(g.ultraSignature(), Map.of(ModelSignatures.IMAGES, in, ModelSignatures.TARGETS, t))) {
            Tensor rel = r.get(ModelSignatures.RELEVANCE).orElseThrow();
            assertThat(TensorIo.shape(rel)).containsExactly(batch, targets.length, n);
            assertThat(TensorIo.shape(r.get(ModelSignatures.TOKENS).orElseThrow())).containsExactly(batch, n, c.dim());
            batched = TensorIo.read(rel);
        }
        int size = 32 * 32 * 3;
        try (SingleTargetGradients single = new SingleTargetGradients(c, w)) {
            for (int b = 0; b < batch; b++) {
                float[] one = java.util.Arrays.copyOfRange(images, b * size, (b + 1) * size);
                for (int ti = 0; ti < targets.length; ti++) {
                    SingleTargetGradients.Tensors ag = single.run(one, targets[ti]);
                    double[] expected = ReferenceRule.row(ag.attention(), ag.gradient(),
                            targets[ti] + c.patchOffset(), c.patchOffset());
                    double err = ReferenceRule.relError(batched, (b * targets.length + ti) * n, expected);
                    assertThat(err).as("image %d target %d", b, targets[ti]).isLessThan(1e-5);
                }
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
