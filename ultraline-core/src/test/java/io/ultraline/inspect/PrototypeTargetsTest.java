package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.frame.RgbImage;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.align.ConceptFeatures;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Concept prototypes of a grid larger than the default model's come from a bounded number of
 * representative maps per frame, not from all of them.
 */
class PrototypeTargetsTest {

    @Test
    void gridsUpToTheDefaultModelsKeepEveryMapLargerOnesFewerWithAFloor() {
        assertThat(FrameInspector.prototypeTargets(16)).isEqualTo(16);
        assertThat(FrameInspector.prototypeTargets(64)).isEqualTo(64);
        assertThat(FrameInspector.prototypeTargets(100)).isEqualTo(40);
        assertThat(FrameInspector.prototypeTargets(144)).isEqualTo(28);
        assertThat(FrameInspector.prototypeTargets(196))
                .as("ViT-S/16 at 224 px")
                .isEqualTo(20);
        assertThat(FrameInspector.prototypeTargets(256)).isEqualTo(16);
        assertThat(FrameInspector.prototypeTargets(1024)).isEqualTo(16);
        assertThatThrownBy(() -> FrameInspector.prototypeTargets(0)).hasMessageContaining("at least one token");
    }

    @Test
    void aLargerGridLearnsItsPrototypesFromRepresentativeMaps() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-models")), "grid-144");
        VitConfig c = TinyVits.config(96, 8, 24, 2, 2, true, 2);
        TinyVits.export(c, TinyVits.structured(c, 4, 2.5f), dir);
        try (ModelRunner runner = ModelRunner.load(dir, RunnerOptions.defaults())) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            List<RgbImage> frames = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                frames.add(fourMaterials(96, i));
            }
            int n = 144;
            int t = FrameInspector.prototypeTargets(n);

            ConceptPrototypes learned =
                    inspector.conceptPrototypes(frames, frames.size(), ConceptPrototypes.DEFAULT_MAX_DISTANCE);

            List<ConceptFeatures> sparse = new ArrayList<>();
            List<ConceptFeatures> all = new ArrayList<>();
            List<InspectedFrame> scanned = inspector.scanPlainView(frames);
            List<int[]> targets = new ArrayList<>();
            for (InspectedFrame f : scanned) {
                targets.add(
                        TargetStrategy.REPRESENTATIVES.choose(f.modelOutput().tokens(), n, c.dim(), t, null));
            }
            for (InspectedFrame f : inspector.explain(scanned, targets, Collections.nCopies(frames.size(), null))) {
                assertThat(f.modelOutput().targets()).hasSize(t);
                sparse.add(ConceptFeatures.of(
                        f.segmentation().labels(), f.modelOutput().tokens(), c.dim()));
            }
            for (InspectedFrame f : inspector.inspect(frames, null)) {
                assertThat(f.modelOutput().targets()).hasSize(n);
                all.add(ConceptFeatures.of(
                        f.segmentation().labels(), f.modelOutput().tokens(), c.dim()));
            }
            ConceptPrototypes fromSparse = ConceptPrototypes.learn(
                    sparse, ConceptPrototypes.DEFAULT_MAX_DISTANCE, ConceptPrototypes.MIN_PATCHES);
            ConceptPrototypes fromAll =
                    ConceptPrototypes.learn(all, ConceptPrototypes.DEFAULT_MAX_DISTANCE, ConceptPrototypes.MIN_PATCHES);

            assertThat(learned.count()).isPositive();
            assertThat(learned).isEqualTo(fromSparse);
            assertThat(learned).as("all 144 maps give other concepts").isNotEqualTo(fromAll);
        }
    }

    /** A frame of four materials, split by a wavering border and the middle row, with strong noise. */
    private static RgbImage fourMaterials(int size, long seed) {
        Random r = new Random(seed);
        int border = size / 3 + r.nextInt(size / 3);
        float[] px = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean left = x < border + (y % 16 < 8 ? 2 : -2);
                int at = (y * size + x) * 3;
                boolean top = y < size / 2;
                px[at] = (left ? 0.75f : 0.2f) + 0.5f * r.nextFloat();
                px[at + 1] = (top ? 0.3f : 0.6f) + 0.5f * r.nextFloat();
                px[at + 2] = (left ? 0.2f : 0.5f) + 0.5f * r.nextFloat();
            }
        }
        return new RgbImage(size, size, px);
    }
}
