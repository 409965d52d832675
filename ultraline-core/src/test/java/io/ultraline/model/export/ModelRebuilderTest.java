package io.ultraline.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.weights.VitWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRebuilderTest {

    @TempDir
    Path tmp;

    private final VitConfig config = TinyVits.config(32, 8, 16, 3, 2, true, 3);
    private final VitWeights weights = TinyVits.random(config, 5, 3f);

    @Test
    void rebuildsAReplicatedModelAsFastWithTheSameWeightsManifestAndMaps() throws IOException {
        Path dir = export(UltraVariant.REPLICATED);
        Files.writeString(dir.resolve("NOTES.txt"), "kept");
        float[] images = TinyVits.images(2, 32, 11);
        List<ModelOutput> before = explain(dir, images);
        String digest = ModelManifest.read(dir).weightsSha256();

        ModelManifest rebuilt = ModelRebuilder.rebuild(dir, UltraVariant.FAST);

        assertThat(rebuilt.ultraVariant()).isEqualTo("fast");
        assertThat(ModelManifest.read(dir)).isEqualTo(rebuilt);
        assertThat(rebuilt.weightsSha256()).isEqualTo(digest);
        assertThat(rebuilt.provenance()).containsEntry("source", "test");
        assertThat(Files.readString(dir.resolve("NOTES.txt"))).isEqualTo("kept");
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("model");
        List<ModelOutput> after = explain(dir, images);
        assertThat(ReferenceRule.relError(flat(after), flat(before))).isLessThan(1e-5);
    }

    @Test
    void aModelWhoseWeightsDoNotMatchItsManifestIsRefusedAndLeftAsItWas() throws IOException {
        Path dir = export(UltraVariant.FAST);
        Path manifest = dir.resolve(ModelManifest.FILE_NAME);
        String text = Files.readString(manifest);
        String digest = ModelManifest.read(dir).weightsSha256();
        Files.writeString(manifest, text.replace(digest, "0".repeat(64)));
        byte[] graph = Files.readAllBytes(dir.resolve("saved_model.pb"));

        assertThatThrownBy(() -> ModelRebuilder.rebuild(dir, UltraVariant.FAST))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("does not match the manifest");
        assertThat(Files.readAllBytes(dir.resolve("saved_model.pb"))).isEqualTo(graph);
        assertThat(Files.readString(manifest)).contains("0".repeat(64));
    }

    private Path export(UltraVariant variant) {
        Path dir = tmp.resolve("model");
        ModelExporter.export(
                config,
                weights,
                new ModelExporter.Identity("tiny", "1", Map.of("source", "test"), "Apache-2.0"),
                dir,
                variant);
        return dir;
    }

    private List<ModelOutput> explain(Path dir, float[] images) {
        try (ModelRunner runner = ModelRunner.load(
                dir,
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withTargetChunk(config.numPatches())
                        .withWarmUp(false)
                        .withParallelRuns(1))) {
            return runner.explain(images, 2);
        }
    }

    private static float[] flat(List<ModelOutput> frames) {
        int n = frames.get(0).numPatches();
        float[] out = new float[frames.size() * n * n];
        for (int b = 0; b < frames.size(); b++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(frames.get(b).maps()[i], 0, out, (b * n + i) * n, n);
            }
        }
        return out;
    }
}
