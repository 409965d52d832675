package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.VitConfig;
import io.ultraline.model.weights.Safetensors;
import io.ultraline.model.weights.WeightTensor;
import io.ultraline.synth.MaterialFamily;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {

    @TempDir
    Path tmp;

    @Test
    void aDistilledRunRecordsItsObjectiveAndWritesTheTeacherBesideTheWeights() throws Exception {
        TrainingRun.Plan plan = tinyPlan(tmp.resolve("w.safetensors"), Distillation.maskedTokens(0.5f), 0f);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelManifest m = TrainingRun.run(plan, tmp.resolve("m"), new PrintStream(log, true, StandardCharsets.UTF_8));

        @SuppressWarnings("unchecked")
        Map<String, Object> distillation = (Map<String, Object>) m.training().get("distillation");
        assertThat(distillation).containsEntry("objective", "masked-tokens").containsEntry("weight", 0.5f);
        assertThat(ModelManifest.read(tmp.resolve("m")).training()).containsKey("distillation");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve =
                (List<Map<String, Object>>) m.training().get("curve");
        assertThat(curve.get(0)).containsKey("maskedTokenLoss");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("masked-token loss");
        Path teacher = tmp.resolve("w-teacher.safetensors");
        assertThat(teacher).isEqualTo(TrainingRun.teacherPath(tmp.resolve("w.safetensors")));
        assertThat(Files.exists(teacher)).isTrue();
        Map<String, WeightTensor> student =
                Safetensors.read(tmp.resolve("w.safetensors")).tensors();
        Map<String, WeightTensor> ema = Safetensors.read(teacher).tensors();
        assertThat(ema.keySet()).isEqualTo(student.keySet());
        // an average of the last steps, not a second copy of the student
        assertThat(ema.get("blocks.0.mlp.fc1.weight").data())
                .isNotEqualTo(student.get("blocks.0.mlp.fc1.weight").data());
    }

    @Test
    void aTextureRunRecordsItsWeightAndLossCurve() throws Exception {
        TrainingRun.Plan plan = tinyPlan(null, Distillation.none(), 0.5f);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ModelManifest m = TrainingRun.run(plan, tmp.resolve("t"), new PrintStream(log, true, StandardCharsets.UTF_8));

        @SuppressWarnings("unchecked")
        Map<String, Object> texture = (Map<String, Object>) m.training().get("texture");
        assertThat(texture).containsEntry("weight", 0.5f);
        assertThat(m.training()).doesNotContainKey("distillation");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> curve =
                (List<Map<String, Object>>) m.training().get("curve");
        assertThat((double) curve.get(0).get("textureLoss")).isPositive();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("texture loss");
    }

    @Test
    void aNegativeTextureWeightIsRefused() {
        assertThatThrownBy(() -> new TrainingSettings(8, 1e-3f, 2, 1, 1, Distillation.none(), -1f, false))
                .hasMessageContaining("texture weight");
    }

    /** Two rendered families at 64 px (the shipped pastes are up to 40 px wide), 50 steps. */
    private static TrainingRun.Plan tinyPlan(Path weightsOut, Distillation distillation, float textureWeight) {
        return new TrainingRun.Plan(
                VitConfig.timmStyle(64, 16, 16, 2, 2, 1),
                List.of(MaterialFamily.PAINTED, MaterialFamily.TILES),
                1,
                2,
                50,
                Duration.ofMinutes(5),
                2,
                1e-3f,
                5,
                1,
                "tiny",
                "0",
                weightsOut,
                List.of(),
                0,
                PasteMode.FOREIGN,
                distillation,
                textureWeight,
                false);
    }
}
