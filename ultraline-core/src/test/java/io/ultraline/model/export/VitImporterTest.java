package io.ultraline.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphLayout;
import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.weights.HalfFloats;
import io.ultraline.model.weights.Safetensors;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import io.ultraline.model.weights.WeightsDigest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VitImporterTest {

    @TempDir
    Path tmp;

    private final VitConfig config = TinyVits.config(32, 8, 16, 2, 4, true, 2);
    private final VitWeights weights = TinyVits.random(config, 5, 2f);

    @Test
    void importsF32AndInfersTheArchitectureFromShapes() throws IOException {
        Path file = tmp.resolve("vit.safetensors");
        Safetensors.write(file, weights.asMap(), Map.of());
        ModelManifest m = VitImporter.importFile(file, options(4), tmp.resolve("out"));
        assertThat(m.config()).isEqualTo(config);
        assertThat(m.weightsSha256()).isEqualTo(WeightsDigest.of(GraphLayout.prepare(weights, config)));
        assertThat(m.provenance()).containsKey("sourceSha256").containsEntry("importedFrom", "vit.safetensors");
        try (LoadedModel loaded = LoadedModel.load(tmp.resolve("out"))) {
            assertThat(loaded.config().heads()).isEqualTo(4);
        }
    }

    @Test
    void headsComeFromMetadataWhenNotGiven() throws IOException {
        Path file = tmp.resolve("meta.safetensors");
        Safetensors.write(file, weights.asMap(), Map.of("num_heads", "4"));
        ModelManifest m = VitImporter.importFile(file, options(0), tmp.resolve("out"));
        assertThat(m.heads()).isEqualTo(4);
    }

    @Test
    void withoutHeadsTheImportFailsSayingSo() throws IOException {
        Path file = tmp.resolve("noheads.safetensors");
        Safetensors.write(file, weights.asMap(), Map.of());
        assertThatThrownBy(() -> VitImporter.importFile(file, options(0), tmp.resolve("out")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--heads");
    }

    @Test
    void missingAndUnexpectedTensorsAreReportedByName() throws IOException {
        Map<String, WeightTensor> m = new HashMap<>(weights.asMap());
        m.remove("blocks.1.mlp.fc2.bias");
        m.put("blocks.0.attn.rel_pos", WeightTensor.of(new float[2], 2));
        Path file = tmp.resolve("broken.safetensors");
        Safetensors.write(file, m, Map.of());
        assertThatThrownBy(() -> VitImporter.importFile(file, options(4), tmp.resolve("out")))
                .hasMessageContaining("missing tensors: blocks.1.mlp.fc2.bias")
                .hasMessageContaining("unexpected tensors: blocks.0.attn.rel_pos");
    }

    @Test
    void wrongShapeIsReported() throws IOException {
        Map<String, WeightTensor> m = new HashMap<>(weights.asMap());
        m.put("blocks.0.norm2.weight", WeightTensor.of(new float[15], 15));
        Path file = tmp.resolve("shape.safetensors");
        Safetensors.write(file, m, Map.of());
        assertThatThrownBy(() -> VitImporter.importFile(file, options(4), tmp.resolve("out")))
                .hasMessageContaining("'blocks.0.norm2.weight' has shape [15], expected [16]");
    }

    @Test
    void f16AndBf16FilesAreWidenedToFloat32() throws IOException {
        float[] values = {0f, 1f, -2.5f, 0.333251953125f, 1024f};
        for (String dtype : new String[] {"F16", "BF16"}) {
            Path file = tmp.resolve(dtype + ".safetensors");
            writeHalf(file, "t", values, dtype);
            WeightTensor t = Safetensors.read(file).tensors().get("t");
            assertThat(t.shape()).containsExactly(values.length);
            for (int i = 0; i < values.length; i++) {
                assertThat(t.data()[i])
                        .as(dtype + " value %d", i)
                        .isCloseTo(
                                values[i],
                                org.assertj.core.data.Offset.offset(
                                        Math.abs(values[i]) * (dtype.equals("F16") ? 1e-3f : 8e-3f)));
            }
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path file = tmp.resolve("cut.safetensors");
        Safetensors.write(file, weights.asMap(), Map.of());
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 100));
        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("do not fit");
    }

    @Test
    void runningAtAnotherSizeInterpolatesPositions() throws IOException {
        Path file = tmp.resolve("vit.safetensors");
        Safetensors.write(file, weights.asMap(), Map.of());
        VitImporter.Options o = new VitImporter.Options(
                4, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 1e-6f, 48, 0, "big", "1", "test");
        ModelManifest m = VitImporter.importFile(file, o, tmp.resolve("big"));
        assertThat(m.grid()).containsExactly(6, 6);
        try (ModelRunner r = ModelRunner.load(
                tmp.resolve("big"),
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withTargetChunk(36)
                        .withParallelRuns(1))) {
            assertThat(r.explain(TinyVits.images(1, 48, 1), 1).get(0).maps()).hasNumberOfRows(36);
        }
    }

    private static VitImporter.Options options(int heads) {
        return new VitImporter.Options(
                heads, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 1e-6f, 0, 0, null, "1", "test");
    }

    private static void writeHalf(Path file, String name, float[] values, String dtype) throws IOException {
        String header = "{\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + values.length
                + "],\"data_offsets\":[0," + 2 * values.length + "]}}";
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        for (float v : values) {
            b.putShort(dtype.equals("F16") ? HalfFloats.toHalf(v) : (short) (Float.floatToIntBits(v) >>> 16));
        }
        Files.write(file, b.array());
    }
}
