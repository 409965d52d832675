package io.ultraline.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.ModelOutput;
import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model runner that splits its calls into parallel session runs against one that does not. */
class ParallelRunsTest {

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
                TinyVits.random(config, 7, 3f),
                new ModelExporter.Identity("tiny", "0.1", Map.of("source", "test"), "Apache-2.0"),
                exported);
    }

    @Test
    void parallelRunsGiveTheBatchedRunsMapsAndTokensUpToFloatRounding() {
        int frames = 5;
        float[] images = TinyVits.images(frames, 32, 21);
        try (ModelRunner batched = ModelRunner.load(
                        exported,
                        RunnerOptions.defaults()
                                .withIntraOpThreads(1)
                                .withInterOpThreads(1)
                                .withWarmUp(false)
                                .withParallelRuns(1));
                ModelRunner parallel = ModelRunner.load(
                        exported, RunnerOptions.defaults().withWarmUp(false).withParallelRuns(3))) {
            assertThat(parallel.parallelRuns()).isEqualTo(3);
            for (int batch : new int[] {frames, 1}) {
                float[] part = Arrays.copyOf(images, batch * batched.pixelsPerFrame());
                List<ModelOutput> a = batched.explain(part, batch);
                List<ModelOutput> b = parallel.explain(part, batch);
                assertThat(b).hasSize(batch);
                for (int f = 0; f < batch; f++) {
                    assertThat(ReferenceRule.relError(
                                    b.get(f).tokens(), a.get(f).tokens()))
                            .as("frame %d of %d, tokens", f, batch)
                            .isLessThan(1e-5);
                    assertThat(b.get(f).maps()).hasNumberOfRows(config.numPatches());
                    for (int t = 0; t < config.numPatches(); t++) {
                        assertThat(ReferenceRule.relError(
                                        b.get(f).maps()[t], a.get(f).maps()[t]))
                                .as("frame %d of %d, map %d", f, batch, t)
                                .isLessThan(1e-5);
                    }
                }
            }
        }
    }

    @Test
    void withAtLeastAsManyFramesAsRunsAFramesBitsDoNotDependOnItsCompanions() {
        float[] images = TinyVits.images(4, 32, 5);
        try (ModelRunner parallel = ModelRunner.load(
                exported, RunnerOptions.defaults().withWarmUp(false).withParallelRuns(2))) {
            int per = parallel.pixelsPerFrame();
            ModelOutput inFour = parallel.explain(images, 4).get(2);
            float[] withOther = new float[2 * per];
            System.arraycopy(images, 2 * per, withOther, 0, per);
            System.arraycopy(images, 0, withOther, per, per);
            ModelOutput inTwo = parallel.explain(withOther, 2).get(0);
            assertThat(inTwo.tokens()).containsExactly(inFour.tokens());
            for (int t = 0; t < config.numPatches(); t++) {
                assertThat(inTwo.maps()[t]).as("map %d", t).containsExactly(inFour.maps()[t]);
            }
        }
    }

    @Test
    void aRunThatFailsFailsTheCallWithTheRunsOwnException() {
        try (ModelRunner parallel = ModelRunner.load(
                exported, RunnerOptions.defaults().withWarmUp(false).withParallelRuns(2))) {
            float[] images = TinyVits.images(2, 32, 9);
            parallel.model().close(); // every run now meets a closed session
            assertThatThrownBy(() -> parallel.explain(images, 2))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("close() has been called")
                    .hasNoCause();
        }
    }
}
