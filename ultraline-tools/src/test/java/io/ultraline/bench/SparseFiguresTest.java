package io.ultraline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sparse keys of {@code bench model}, on a tiny model (N = 16, so only T = 8 applies). */
class SparseFiguresTest {

    @TempDir
    Path tmp;

    @Test
    void putsTheRateAndTheAgreementOfEveryTargetCountBelowN() {
        VitConfig config = TinyVits.config(32, 8, 16, 2, 2, true, 2);
        ModelExporter.export(
                config,
                TinyVits.random(config, 3, 3f),
                new ModelExporter.Identity("tiny", "0.1", Map.of("source", "test"), "Apache-2.0"),
                tmp.resolve("m"));
        try (ModelRunner runner = ModelRunner.load(
                tmp.resolve("m"),
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withWarmUp(false)
                        .withParallelRuns(1))) {
            List<float[]> frames = SparseFigures.sceneFrames(32, 3);
            assertThat(frames).hasSize(3).allSatisfy(f -> assertThat(f).hasSize(32 * 32 * 3));
            assertThat(frames.get(0)).isNotEqualTo(frames.get(1));
            int[] calls = {0};
            Map<String, Object> out = new LinkedHashMap<>();
            SparseFigures.putRates(
                    runner,
                    frames,
                    work -> {
                        calls[0] += work.getAsInt();
                        return 42.0;
                    },
                    out);
            SparseFigures.putAgreement(runner, frames, out);

            assertThat(out)
                    .containsEntry("sparse_t8_frames_per_s", 42.0)
                    .containsEntry("sparse_ari_frames", 3)
                    .containsEntry("sparse_ari_model", "tiny 0.1")
                    .containsEntry("sparse_strategy", "representatives")
                    .doesNotContainKeys("sparse_t16_frames_per_s", "sparse_t32_ari_vs_all");
            assertThat((Double) out.get("sparse_t8_ari_vs_all")).isBetween(-1.0, 1.0);
            assertThat(calls[0]).isEqualTo(1);
        }
    }
}
