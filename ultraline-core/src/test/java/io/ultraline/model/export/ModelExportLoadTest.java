package io.ultraline.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.ModelUnavailableException;
import io.ultraline.model.ReferenceRule;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphLayout;
import io.ultraline.model.graph.VitModelGraph;
import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.runtime.TensorIo;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightsDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;

class ModelExportLoadTest {

    @TempDir
    static Path tmp;

    static VitConfig config;
    static VitWeights weights;
    static Path exported;

    @BeforeAll
    static void export() {
        config = TinyVits.config(32, 8, 16, 2, 2, true, 2);
        weights = TinyVits.random(config, 99, 3f);
        exported = tmp.resolve("model");
        ModelExporter.export(
                config,
                weights,
                new ModelExporter.Identity("tiny", "0.1", Map.of("source", "test"), "Apache-2.0"),
                exported);
    }

    @Test
    void aClosedRunnerIsUnavailableRatherThanFailingOnTheFrames() {
        float[] images = TinyVits.images(1, 32, 3);
        ModelRunner runner = ModelRunner.load(
                exported,
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withTargetChunk(config.numPatches())
                        .withWarmUp(false)
                        .withParallelRuns(2));
        runner.close();
        assertThatThrownBy(() -> runner.explain(images, 1))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessage("the model runner is closed");
        assertThatThrownBy(() -> runner.tokens(images, 1)).isInstanceOf(ModelUnavailableException.class);
    }

    @Test
    void exportLoadRunGivesTheSameOutputsAsTheInMemoryGraph() {
        float[] images = TinyVits.images(2, 32, 3);
        float[] expectedRel;
        float[] expectedTok;
        try (VitModelGraph g = VitModelGraph.build(config, GraphLayout.prepare(weights, config));
                Session s = new Session(g.graph());
                Tensor in = TensorIo.floats(images, 2, 32, 32, 3);
                Tensor t = TensorIo.ints(range(config.numPatches()));
                Tensor w = TensorIo.floats(identity(config.dim()), config.dim(), config.dim());
                Result r = s.run(g.ultraSignature(), Map.of("images", in, "targets", t, "transform", w))) {
            expectedRel = TensorIo.read(r.get("relevance").orElseThrow());
            expectedTok = TensorIo.read(r.get("tokens").orElseThrow());
        }
        // same chunk as the reference run: a different chunk changes kernel summation order (see below)
        try (ModelRunner runner = ModelRunner.load(
                exported,
                RunnerOptions.defaults()
                        .withIntraOpThreads(1)
                        .withInterOpThreads(1)
                        .withTargetChunk(config.numPatches())
                        .withParallelRuns(1))) {
            assertThat(runner.manifest().name()).isEqualTo("tiny");
            assertThat(runner.config()).isEqualTo(config);
            List<ModelOutput> out = runner.explain(images, 2);
            int n = config.numPatches();
            for (int b = 0; b < 2; b++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(out.get(b).maps()[i][j]).isEqualTo(expectedRel[(b * n + i) * n + j]);
                    }
                }
            }
            float[] both = new float[expectedTok.length];
            System.arraycopy(out.get(0).tokens(), 0, both, 0, expectedTok.length / 2);
            System.arraycopy(out.get(1).tokens(), 0, both, expectedTok.length / 2, expectedTok.length / 2);
            assertThat(both).containsExactly(expectedTok);
            // serving_default runs a batch of 2 instead of 2 x 16 copies: same values up to kernel rounding
            List<ModelOutput> tok = runner.tokens(images, 2);
            assertThat(ReferenceRule.relError(out.get(1).tokens(), tok.get(1).tokens()))
                    .isLessThan(1e-6);
        }
    }

    @Test
    void chunkingTargetsChangesMapsOnlyByFloatRounding() {
        float[] images = TinyVits.images(1, 32, 4);
        try (ModelRunner whole = ModelRunner.load(
                        exported,
                        RunnerOptions.defaults()
                                .withIntraOpThreads(1)
                                .withInterOpThreads(1)
                                .withTargetChunk(config.numPatches())
                                .withWarmUp(false)
                                .withParallelRuns(1));
                ModelRunner chunked = ModelRunner.load(
                        exported,
                        RunnerOptions.defaults()
                                .withIntraOpThreads(1)
                                .withInterOpThreads(1)
                                .withTargetChunk(5)
                                .withWarmUp(false)
                                .withParallelRuns(1))) {
            float[][] a = whole.explain(images, 1).get(0).maps();
            float[][] b = chunked.explain(images, 1).get(0).maps();
            for (int i = 0; i < a.length; i++) {
                assertThat(ReferenceRule.relError(b[i], a[i])).isLessThan(1e-5);
            }
        }
    }

    @Test
    void manifestRoundTrips() {
        ModelManifest m = ModelManifest.read(exported);
        assertThat(m.config()).isEqualTo(config);
        assertThat(m.weightsSha256()).isEqualTo(WeightsDigest.of(GraphLayout.prepare(weights, config)));
        assertThat(m.ultraVariant()).isEqualTo("fast");
        assertThat(m.provenance()).containsEntry("source", "test");
    }

    @Test
    void scoringShiftsRoundTripAndMustDivideThePatch() throws IOException {
        assertThat(ModelManifest.read(exported).shifts())
                .as("absent means the plain grid")
                .isEqualTo(1);
        Path copy = copyOf("shifted");
        ModelManifest.read(copy).withScoringShifts(2).write(copy);
        assertThat(ModelManifest.read(copy).shifts()).isEqualTo(2);
        Path file = copy.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"scoringShifts\" : 2", "\"scoringShifts\" : 3"));
        assertThatThrownBy(() -> ModelManifest.read(copy))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("scoringShifts 3");
    }

    @Test
    void missingDirectoryIsRefused() {
        assertThatThrownBy(() -> LoadedModel.load(tmp.resolve("nope")))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void directoryWithoutSavedModelIsRefused() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> LoadedModel.load(d))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("no saved_model.pb");
    }

    @Test
    void missingManifestIsRefused() throws IOException {
        Path copy = copyOf("nomanifest");
        Files.delete(copy.resolve(ModelManifest.FILE_NAME));
        assertThatThrownBy(() -> LoadedModel.load(copy))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("has no manifest");
    }

    @Test
    void digestMismatchIsRefused() throws IOException {
        Path copy = copyOf("tampered");
        Path file = copy.resolve(ModelManifest.FILE_NAME);
        String json = Files.readString(file);
        String digest = ModelManifest.read(copy).weightsSha256();
        Files.writeString(file, json.replace(digest, "0".repeat(64)));
        assertThatThrownBy(() -> LoadedModel.load(copy))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("does not match the manifest");
    }

    @Test
    void manifestForAnotherArchitectureIsRefusedBySignatureShapes() throws IOException {
        Path copy = copyOf("wrongshape");
        Path file = copy.resolve(ModelManifest.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\"imageSize\" : 32", "\"imageSize\" : 64"));
        assertThatThrownBy(() -> LoadedModel.load(copy))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("serving_default input 'images' has shape");
    }

    @Test
    void modelWithoutTheUltraSignatureIsRefused() throws IOException {
        Path dir = tmp.resolve("servingonly");
        Files.createDirectories(dir);
        try (VitModelGraph g = VitModelGraph.build(config, GraphLayout.prepare(weights, config));
                Session s = new Session(g.graph())) {
            org.tensorflow.SavedModelBundle.exporter(dir.toString())
                    .withFunction(org.tensorflow.SessionFunction.create(g.servingSignature(), s))
                    .export();
        }
        Files.copy(exported.resolve(ModelManifest.FILE_NAME), dir.resolve(ModelManifest.FILE_NAME));
        assertThatThrownBy(() -> LoadedModel.load(dir))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("lacks signature 'ultra'");
    }

    @Test
    void malformedSavedModelIsRefused() throws IOException {
        Path copy = copyOf("malformed");
        Files.write(copy.resolve("saved_model.pb"), new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> LoadedModel.load(copy))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("could not be loaded as a SavedModel");
    }

    private static float[] identity(int d) {
        float[] m = new float[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = 1f;
        }
        return m;
    }

    private static Path copyOf(String name) throws IOException {
        Path dst = tmp.resolve(name);
        try (var files = Files.walk(exported)) {
            for (Path p : files.toList()) {
                Path target = dst.resolve(exported.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return dst;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
