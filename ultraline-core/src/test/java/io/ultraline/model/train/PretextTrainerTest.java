package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import io.ultraline.model.graph.GraphLayout;
import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretextTrainerTest {

    @TempDir
    Path tmp;

    @Test
    void learnsASeparablePretextAndExportsALoadableModel() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 2);
        SplittableRandom r = new SplittableRandom(1);
        try (PretextTrainer t = new PretextTrainer(c, new TrainingSettings(16, 3e-3f, 2, 7, 1))) {
            PretextTrainer.Step first = t.evaluate(batch(r, 64));
            for (int i = 0; i < 120; i++) {
                t.step(batch(r, 16));
            }
            PretextTrainer.Step last = t.evaluate(batch(r, 64));
            assertThat(last.loss()).isLessThan(first.loss() * 0.5f);
            assertThat(last.familyAccuracy()).isGreaterThan(0.9f);
            assertThat(last.patchAccuracy()).isGreaterThan(0.95f);
            VitWeights trained = t.weights();
            ModelExporter.export(
                    c, trained, new ModelExporter.Identity("trained", "0", Map.of(), "test"), tmp.resolve("m"));
            try (LoadedModel m = LoadedModel.load(tmp.resolve("m"))) {
                assertThat(m.config()).isEqualTo(c);
            }
        }
    }

    @Test
    void maskedTokenLossFallsInATinyRun() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 1);
        SplittableRandom r = new SplittableRandom(2);
        LabelledBatch probe = batch(r, 64);
        float[] hidden = new BlockMask(4, 4, 0.4, 1.0, 11).next(64);
        TrainingSettings s = new TrainingSettings(16, 3e-3f, 2, 7, 1, Distillation.maskedTokens(1f));
        try (PretextTrainer t = new PretextTrainer(c, s)) {
            PretextTrainer.Step first = t.evaluate(probe, hidden);
            assertThat(first.distillLoss()).isGreaterThan(0.3f);
            for (int i = 0; i < 150; i++) {
                t.step(batch(r, 16));
            }
            PretextTrainer.Step last = t.evaluate(probe, hidden);
            assertThat(last.distillLoss()).isLessThan(first.distillLoss() * 0.5f);
            assertThat(last.patchAccuracy()).isGreaterThan(0.9f);
        }
    }

    @Test
    void textureLossFallsAndLeavesTheExportedBackboneAsTheShippedRecipeNames() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 1);
        SplittableRandom r = new SplittableRandom(4);
        LabelledBatch probe = batch(r, 64);
        TrainingSettings s = new TrainingSettings(16, 3e-3f, 2, 7, 1, Distillation.none(), 1f, false);
        try (PretextTrainer t = new PretextTrainer(c, s);
                PretextTrainer plain = new PretextTrainer(c, new TrainingSettings(16, 3e-3f, 2, 7, 1))) {
            PretextTrainer.Step first = t.evaluate(probe);
            assertThat(first.textureLoss()).isGreaterThan(0.5f);
            assertThat(plain.evaluate(probe).textureLoss()).isZero();
            for (int i = 0; i < 150; i++) {
                t.step(batch(r, 16));
            }
            PretextTrainer.Step last = t.evaluate(probe);
            assertThat(last.textureLoss()).isLessThan(first.textureLoss() * 0.5f);
            assertThat(last.patchAccuracy()).isGreaterThan(0.9f);
            assertThat(t.weights().asMap().keySet())
                    .isEqualTo(plain.weights().asMap().keySet());
        }
    }

    @Test
    void maskedTextureTargetsCountHiddenPatchesOnly() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 1);
        SplittableRandom r = new SplittableRandom(5);
        LabelledBatch probe = batch(r, 64);
        float[] hidden = new BlockMask(4, 4, 0.4, 1.0, 11).next(64);
        TrainingSettings s = new TrainingSettings(16, 3e-3f, 2, 7, 1, Distillation.none(), 1f, true);
        try (PretextTrainer t = new PretextTrainer(c, s)) {
            assertThat(t.evaluate(probe, new float[64 * 16]).textureLoss()).isZero();
            PretextTrainer.Step first = t.evaluate(probe, hidden);
            assertThat(first.textureLoss()).isGreaterThan(0.5f);
            for (int i = 0; i < 150; i++) {
                t.step(batch(r, 16));
            }
            assertThat(t.evaluate(probe, hidden).textureLoss()).isLessThan(first.textureLoss() * 0.7f);
        }
        assertThatThrownBy(() -> new TrainingSettings(16, 3e-3f, 2, 7, 1, Distillation.maskedTokens(1f), 1f, true))
                .hasMessageContaining("no distillation");
    }

    /**
     * After one step the teacher must be momentum x its start (a copy of the student's) plus
     * (1 - momentum) x the student's updated weights: Adam leaves it alone, and the EMA reads
     * the student after the optimizer has written it.
     */
    @Test
    void teacherStartsAsTheStudentAndFollowsItByTheMomentumAfterEachStep() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 1);
        SplittableRandom r = new SplittableRandom(3);
        Distillation d = Distillation.maskedTokens(1f);
        try (PretextTrainer t = new PretextTrainer(c, new TrainingSettings(8, 1e-2f, 2, 7, 1, d))) {
            Map<String, WeightTensor> before = t.weights().asMap();
            assertThat(t.teacherWeights()
                            .asMap()
                            .get("blocks.0.attn.qkv.weight")
                            .data())
                    .containsExactly(before.get("blocks.0.attn.qkv.weight").data());
            t.step(batch(r, 8));
            Map<String, WeightTensor> after = t.weights().asMap();
            Map<String, WeightTensor> teacher = t.teacherWeights().asMap();
            for (String name : new String[] {"blocks.0.attn.qkv.weight", "blocks.1.mlp.fc2.bias", "pos_embed"}) {
                float[] w0 = before.get(name).data();
                float[] w1 = after.get(name).data();
                float[] te = teacher.get(name).data();
                assertThat(w1).as(name + " moved").isNotEqualTo(w0);
                for (int i = 0; i < te.length; i++) {
                    float expected = d.momentum() * w0[i] + (1 - d.momentum()) * w1[i];
                    assertThat(te[i]).as(name + "[" + i + "]").isCloseTo(expected, within(1e-6f));
                }
            }
        }
    }

    @Test
    void distillationLeavesTheShippedRecipesInitialWeightsAlone() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 1);
        try (PretextTrainer plain = new PretextTrainer(c, new TrainingSettings(8, 1e-3f, 2, 7, 1));
                PretextTrainer distilled =
                        new PretextTrainer(c, new TrainingSettings(8, 1e-3f, 2, 7, 1, Distillation.maskedTokens(1f)))) {
            Map<String, WeightTensor> a = plain.weights().asMap();
            Map<String, WeightTensor> b = distilled.weights().asMap();
            assertThat(b.keySet()).isEqualTo(a.keySet());
            a.forEach((name, w) -> assertThat(b.get(name).data()).as(name).containsExactly(w.data()));
            assertThatThrownBy(plain::teacherWeights).hasMessageContaining("distillation on");
            assertThatThrownBy(() -> plain.step(batch(new SplittableRandom(1), 8), new float[8 * 16]))
                    .hasMessageContaining("distillation on");
        }
    }

    @Test
    void timmLayoutSurvivesTheRoundTripThroughTheGraphLayout() {
        VitConfig c = TinyVits.config(16, 4, 16, 2, 2, true, 2);
        VitWeights w = TinyVits.random(c, 3, 1f);
        VitWeights back = GraphLayout.toTimm(GraphLayout.prepare(w, c), c);
        for (Map.Entry<String, WeightTensor> e : w.asMap().entrySet()) {
            if (e.getKey().startsWith("norm.")) {
                continue;
            }
            assertThat(back.get(e.getKey()).shape())
                    .as(e.getKey())
                    .containsExactly(e.getValue().shape());
            assertThat(back.get(e.getKey()).data())
                    .as(e.getKey())
                    .containsExactly(e.getValue().data());
        }
    }

    /**
     * Family 0: horizontal stripes, family 1: a checkerboard; one random 4x4 patch of each image
     * is painted red (the pasted patch to find).
     */
    private static LabelledBatch batch(SplittableRandom r, int n) {
        int s = 16;
        float[] x = new float[n * s * s * 3];
        int[] fam = new int[n];
        int[] pasted = new int[n * 16];
        for (int b = 0; b < n; b++) {
            fam[b] = r.nextInt(2);
            int red = r.nextInt(16);
            pasted[b * 16 + red] = 1;
            for (int y = 0; y < s; y++) {
                for (int xx = 0; xx < s; xx++) {
                    float v = fam[b] == 0
                            ? ((y / 2) % 2 == 0 ? 0.8f : 0.2f)
                            : (((xx / 4) + (y / 4)) % 2 == 0 ? 0.7f : 0.3f);
                    boolean inRed = (y / 4) * 4 + xx / 4 == red;
                    int o = ((b * s + y) * s + xx) * 3;
                    x[o] = inRed ? 1f : v;
                    x[o + 1] = inRed ? 0f : v;
                    x[o + 2] = inRed ? 0f : v + (float) (r.nextDouble() * 0.05);
                }
            }
        }
        return new LabelledBatch(n, x, fam, pasted);
    }
}
