package io.ultraline.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.ModelOutput;
import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelRunner#explain(float[], int, int[])}: the maps of some targets only. */
class SparseExplainTest {

    @TempDir
    static Path tmp;

    static VitConfig config;
    static Path exported;

    @BeforeAll
    static void export() {
        config = TinyVits.config(32, 8, 16, 2, 2, true, 2);
        exported = tmp.resolve("model");
        ModelExporter.export(
                config,
                TinyVits.random(config, 11, 3f),
                new ModelExporter.Identity("tiny", "0.1", Map.of("source", "test"), "Apache-2.0"),
                exported);
    }

    @Test
    void sparseMapsAreTheMatchingRowsOfAllMapsInOneRunChunkedAndInParallel() {
        int frames = 3;
        float[] images = TinyVits.images(frames, 32, 4);
        int[] targets = {13, 0, 7, 15, 2};
        // one run, chunks of 2 targets (3 runs), and 3 parallel runs
        RunnerOptions[] options = {
            RunnerOptions.defaults()
                    .withIntraOpThreads(1)
                    .withInterOpThreads(1)
                    .withWarmUp(false)
                    .withParallelRuns(1),
            RunnerOptions.defaults()
                    .withIntraOpThreads(1)
                    .withInterOpThreads(1)
                    .withTargetChunk(2)
                    .withWarmUp(false)
                    .withParallelRuns(1),
            RunnerOptions.defaults().withWarmUp(false).withParallelRuns(3)
        };
        for (RunnerOptions o : options) {
            try (ModelRunner runner = ModelRunner.load(exported, o)) {
                List<ModelOutput> all = runner.explain(images, frames);
                List<ModelOutput> sparse = runner.explain(images, frames, targets);
                assertThat(sparse).hasSize(frames);
                for (int f = 0; f < frames; f++) {
                    ModelOutput s = sparse.get(f);
                    assertThat(s.targets()).containsExactly(targets);
                    assertThat(s.allTargets()).isFalse();
                    assertThat(s.maps()).hasNumberOfRows(targets.length);
                    assertThat(ReferenceRule.relError(s.tokens(), all.get(f).tokens()))
                            .as("frame %d tokens, %s", f, o)
                            .isLessThan(1e-5);
                    for (int k = 0; k < targets.length; k++) {
                        assertThat(s.maps()[k]).hasSize(config.numPatches());
                        assertThat(ReferenceRule.relError(
                                        s.maps()[k], all.get(f).maps()[targets[k]]))
                                .as("frame %d, target %d, %s", f, targets[k], o)
                                .isLessThan(1e-5);
                    }
                }
                assertThat(all.get(0).allTargets()).isTrue();
            }
        }
    }

    @Test
    void badTargetsAreRejectedBeforeTheModelRuns() {
        try (ModelRunner runner = ModelRunner.load(
                exported,
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withWarmUp(false)
                        .withParallelRuns(1))) {
            float[] images = TinyVits.images(1, 32, 1);
            assertThatThrownBy(() -> runner.explain(images, 1, new int[0])).hasMessageContaining("at least one");
            assertThatThrownBy(() -> runner.explain(images, 1, new int[] {3, 3}))
                    .hasMessageContaining("twice");
            assertThatThrownBy(() -> runner.explain(images, 1, new int[] {16}))
                    .hasMessageContaining("outside the patches 0..15");
        }
    }

    @Test
    void mapsAndTargetsComeTogetherInModelOutput() {
        assertThat(new ModelOutput(4, 1, new float[4], new float[4][4]).targets())
                .containsExactly(0, 1, 2, 3);
        assertThat(new ModelOutput(4, 1, new float[4], null).targets()).isNull();
        assertThatThrownBy(() -> new ModelOutput(4, 1, new float[4], new float[2][4], new int[] {1}))
                .hasMessageContaining("one map per target");
        assertThatThrownBy(() -> new ModelOutput(4, 1, new float[4], null, new int[] {1}))
                .hasMessageContaining("targets without maps");
    }
}
