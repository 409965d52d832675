package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ultraline.cli.Main;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.evaluation.DatasetEvaluation;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.runtime.ModelTransform;
import io.ultraline.stream.TestModels;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token transform W of issue 19 from calibration to the maps, with the tiny structured test
 * ViT on a seeded 64 px mosaic scenes set: the profile's W reaches the maps, the evaluation's
 * {@code _without_transform} twins are the plain maps' figures, and the command line stores and
 * uses W.
 */
class TransformedInspectionTest {

    @TempDir
    static Path tmp;

    static Path data;
    static FrameInspector inspector;
    static List<RgbImage> calibration = new ArrayList<>();
    static List<RgbImage> test = new ArrayList<>();

    @BeforeAll
    static void generate() throws Exception {
        data = tmp.resolve("scenes");
        assertThat(Main.run(
                        "dataset",
                        "generate",
                        "--out",
                        data.toString(),
                        "--scenes",
                        "mosaic",
                        "--frames",
                        "6",
                        "--calibration",
                        "6",
                        "--size",
                        "64",
                        "--seed",
                        "19"))
                .isZero();
        LabelledDataset set = LabelledDataset.open(data);
        calibration.addAll(set.calibrationImages());
        for (LabelledDataset.TestFrame t : set.test()) {
            test.add(LabelledDataset.readImage(t.imagePath()));
        }
        inspector = TestModels.inspector();
    }

    @Test
    void theProfilesTransformReachesTheMapsAndNotTheTokens() {
        ReferenceProfile plain = inspector.calibrate(calibration, 1, 4);
        TokenTransform w =
                TransformCalibration.learn(inspector, calibration, 19).transform();
        List<InspectedFrame> without = inspector.inspect(test, plain);
        List<InspectedFrame> with = inspector.inspect(test, plain.withTransform(w));
        List<InspectedFrame> given = inspector.inspect(test, null, w);
        List<InspectedFrame> identity = inspector.inspect(
                test, null, TokenTransform.identity(inspector.runner().config().dim()));
        boolean changed = false;
        for (int i = 0; i < test.size(); i++) {
            float[][] a = with.get(i).modelOutput().maps();
            float[][] b = without.get(i).modelOutput().maps();
            for (int t = 0; t < a.length; t++) {
                assertThat(given.get(i).modelOutput().maps()[t]).containsExactly(a[t]);
                assertThat(identity.get(i).modelOutput().maps()[t]).containsExactly(b[t]);
                changed |= !java.util.Arrays.equals(a[t], b[t]);
            }
            assertThat(with.get(i).modelOutput().tokens())
                    .containsExactly(without.get(i).modelOutput().tokens());
            assertThat(with.get(i).assessment().frameScore())
                    .isEqualTo(without.get(i).assessment().frameScore());
        }
        assertThat(changed).as("W changes the maps").isTrue();
    }

    @Test
    void theTwinsWithoutTransformAreThePlainMapsFigures() throws Exception {
        LabelledDataset set = LabelledDataset.open(data);
        Map<String, Object> none = new DatasetEvaluation(inspector, 4, Map.of(), false).run(set, (a, b) -> {});
        Map<String, Object> profile = new DatasetEvaluation(inspector, 4, Map.of(), false)
                .withTransform(TransformChoice.PROFILE, null)
                .run(set, (a, b) -> {});
        assertThat(none).doesNotContainKey("concept_miou_without_transform").containsEntry("transform", "none");
        assertThat(profile).containsEntry("transform", "profile");
        for (String key :
                new String[] {"concept_miou", "concept_pixel_accuracy", "concept_ari", "concept_id_consistency"}) {
            assertThat(profile.get(key + "_without_transform")).as(key).isEqualTo(none.get(key));
        }
        assertThat(profile.get("concept_count_mean")).isNotEqualTo(none.get("concept_count_mean"));
        assertThat(profile.get("image_auroc")).isEqualTo(none.get("image_auroc"));
    }

    @Test
    void calibrateStoresWInTheProfileAndTheModelAndExplainUsesIt() throws Exception {
        Path model = tmp.resolve("model");
        copy(TestModels.modelDir(), model);
        Path profile = tmp.resolve("camera.profile");
        assertThat(Main.run(
                        "calibrate",
                        "--model",
                        model.toString(),
                        "--images",
                        data.resolve("calibration").toString(),
                        "--out",
                        profile.toString(),
                        "--transform",
                        "profile",
                        "--save-model-transform"))
                .isZero();
        byte[] bytes = Files.readAllBytes(profile);
        assertThat(ByteBuffer.wrap(bytes).getInt(4)).isEqualTo(3);
        TokenTransform w = ProfileCodec.decode(bytes).transform();
        assertThat(w.inDim()).isEqualTo(inspector.runner().config().dim());
        assertThat(model.resolve(ModelTransform.FILE_NAME)).exists();

        Path image = Files.list(data.resolve("test").resolve("images"))
                .filter(p -> p.toString().endsWith(".png"))
                .sorted()
                .findFirst()
                .orElseThrow();
        Path viaProfile = tmp.resolve("p.json");
        Path viaModel = tmp.resolve("m.json");
        Path plain = tmp.resolve("n.json");
        assertThat(Main.run(
                        "explain",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--out",
                        tmp.resolve("p.png").toString(),
                        "--json",
                        viaProfile.toString(),
                        "--transform",
                        "profile",
                        "--profile",
                        profile.toString()))
                .isZero();
        assertThat(Main.run(
                        "explain",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--out",
                        tmp.resolve("m.png").toString(),
                        "--json",
                        viaModel.toString(),
                        "--transform",
                        "model"))
                .isZero();
        assertThat(Main.run(
                        "explain",
                        "--model",
                        model.toString(),
                        "--image",
                        image.toString(),
                        "--out",
                        tmp.resolve("n.png").toString(),
                        "--json",
                        plain.toString()))
                .isZero();
        ObjectMapper json = new ObjectMapper();
        // the same W from the model directory and from the profile: the same maps and concepts; only
        // the profile also names them by the camera's ids
        ObjectNode fromProfile = (ObjectNode) json.readTree(viaProfile.toFile());
        assertThat(fromProfile.get("conceptIds").size())
                .isEqualTo(fromProfile.get("conceptCount").asInt());
        fromProfile.putNull("conceptIds");
        assertThat(json.readTree(viaModel.toFile())).isEqualTo(fromProfile).isNotEqualTo(json.readTree(plain.toFile()));
    }

    @Test
    void aMissingTransformIsAClearError() {
        assertThatThrownBy(() -> TransformChoice.parse("camera"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--transform must be none, model or profile, not 'camera'");
        assertThat(Main.run(
                        "explain",
                        "--model",
                        TestModels.modelDir().toString(),
                        "--image",
                        data.resolve("calibration").toString(),
                        "--out",
                        tmp.resolve("x.png").toString(),
                        "--transform",
                        "profile"))
                .isNotZero();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
    }
}
