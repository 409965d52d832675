package io.ultraline.model.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.ModelSignatures;
import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelRebuilder;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.ultra.transform.TokenTransform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.Signature;

/** The {@code transform} input of the ultra signature, through an exported model and the runner. */
class TransformInputTest {

    @TempDir
    static Path tmp;

    static VitConfig config;
    static VitWeights weights;
    static Path exported;

    @BeforeAll
    static void export() {
        config = TinyVits.config(32, 8, 16, 3, 2, true, 3);
        weights = TinyVits.random(config, 21, 3f);
        exported = tmp.resolve("model");
        TinyVits.export(config, weights, exported);
    }

    private static RunnerOptions oneRun() {
        return RunnerOptions.defaults()
                .withIntraOpThreads(1)
                .withInterOpThreads(1)
                .withTargetChunk(config.numPatches())
                .withWarmUp(false)
                .withParallelRuns(1);
    }

    @Test
    void runnerFeedsWAndAnIdentityWGivesThePlainMaps() {
        float[] images = TinyVits.images(2, 32, 5);
        float[][] w = TransformedTargetTest.random(5, config.dim(), 7);
        float[] flat = new float[5 * config.dim()];
        for (int o = 0; o < 5; o++) {
            System.arraycopy(w[o], 0, flat, o * config.dim(), config.dim());
        }
        float[] expected = TransformedTargetTest.relevance(config, weights, images, 2, UltraVariant.FAST, w);
        try (ModelRunner runner = ModelRunner.load(exported, oneRun())) {
            assertThat(runner.acceptsTransform()).isTrue();
            List<ModelOutput> plain = runner.explain(images, 2);
            List<ModelOutput> identity = runner.explain(images, 2, TokenTransform.identity(config.dim()));
            List<ModelOutput> transformed = runner.explain(images, 2, new TokenTransform(config.dim(), 5, flat));
            int n = config.numPatches();
            int[] targets = {0, 5, 15, 9};
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < n; i++) {
                    assertThat(identity.get(b).maps()[i])
                            .containsExactly(plain.get(b).maps()[i]);
                }
                for (int t = 0; t < targets.length; t++) {
                    double[] row = new double[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = expected[(b * targets.length + t) * n + j];
                    }
                    assertThat(ReferenceRule.relError(transformed.get(b).maps()[targets[t]], 0, row))
                            .as("frame %d target %d", b, targets[t])
                            .isLessThan(1e-5);
                }
                // the tokens stay the model's own, whatever W
                assertThat(transformed.get(b).tokens())
                        .containsExactly(plain.get(b).tokens());
            }
        }
    }

    @Test
    void aTransformForAnotherTokenDimensionIsRefused() {
        try (ModelRunner runner = ModelRunner.load(exported, oneRun())) {
            assertThatThrownBy(() -> runner.explain(TinyVits.images(1, 32, 5), 1, TokenTransform.identity(8)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the transform takes 8-dimensional tokens, the model's are 16");
        }
    }

    /** A directory exported before the transform input existed: loads and explains; only W asks for a rebuild. */
    @Test
    void aModelWithoutTheTransformInputStillLoadsAndAsksForARebuildOnlyForW() throws IOException {
        Path old = tmp.resolve("pre-transform");
        Files.createDirectories(old);
        try (VitModelGraph g = VitModelGraph.build(config, GraphLayout.prepare(weights, config));
                Session s = new Session(g.graph())) {
            Signature ultra = Signature.builder(ModelSignatures.ULTRA)
                    .input(ModelSignatures.IMAGES, output(g, "explain/images"))
                    .input(ModelSignatures.TARGETS, output(g, "explain/targets"))
                    .output(ModelSignatures.RELEVANCE, output(g, "explain/ultra_fast/relevance"))
                    .output(ModelSignatures.TOKENS, output(g, "explain/ultra_fast/tokens"))
                    .build();
            org.tensorflow.SavedModelBundle.exporter(old.toString())
                    .withFunction(org.tensorflow.SessionFunction.create(g.servingSignature(), s))
                    .withFunction(org.tensorflow.SessionFunction.create(ultra, s))
                    .export();
        }
        Files.copy(exported.resolve(ModelManifest.FILE_NAME), old.resolve(ModelManifest.FILE_NAME));
        float[] images = TinyVits.images(1, 32, 5);
        try (ModelRunner runner = ModelRunner.load(old, oneRun());
                ModelRunner current = ModelRunner.load(exported, oneRun())) {
            assertThat(runner.acceptsTransform()).isFalse();
            float[][] maps = runner.explain(images, 1).get(0).maps();
            float[][] now = current.explain(images, 1).get(0).maps();
            for (int i = 0; i < maps.length; i++) {
                assertThat(maps[i]).containsExactly(now[i]);
            }
            assertThatThrownBy(() -> runner.explain(images, 1, TokenTransform.identity(config.dim())))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining("has no 'transform' input")
                    .hasMessageContaining("ultraline model rebuild");
        }
        ModelRebuilder.rebuild(old, UltraVariant.FAST);
        try (ModelRunner rebuilt = ModelRunner.load(old, oneRun())) {
            assertThat(rebuilt.acceptsTransform()).isTrue();
        }
    }

    private static org.tensorflow.Operand<?> output(VitModelGraph g, String opName) {
        GraphOperation op = g.graph().operation(opName);
        assertThat(op).as(opName).isNotNull();
        return op.output(0);
    }
}
