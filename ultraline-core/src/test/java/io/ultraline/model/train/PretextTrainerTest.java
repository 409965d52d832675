package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;

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
