package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.ultraline.cli.Main;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.frame.RgbImage;
import io.ultraline.stream.TestModels;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FrameInspector with the tiny structured test ViT on a seeded painted dataset (seed 5, 64 px):
 * calibration, scoring, batching and frames of another size. Measured with this set: the profile's
 * threshold is 3.84; the good test frames score 2.35 to 4.20 (mean 3.10, one flagged), the defective
 * ones 3.18 to 9.23 (mean 6.40, six of eight flagged).
 */
class FrameInspectorTest {

    @TempDir
    static Path tmp;

    static FrameInspector inspector;
    static List<RgbImage> calibration = new ArrayList<>();
    static List<RgbImage> test = new ArrayList<>();
    static List<Boolean> defective = new ArrayList<>();
    static ReferenceProfile profile;

    @BeforeAll
    static void calibrate() throws Exception {
        Path dir = tmp.resolve("data");
        assertThat(Main.run(
                        "dataset",
                        "generate",
                        "--out",
                        dir.toString(),
                        "--frames",
                        "16",
                        "--calibration",
                        "10",
                        "--size",
                        "64",
                        "--family",
                        "painted",
                        "--seed",
                        "5"))
                .isZero();
        LabelledDataset data = LabelledDataset.open(dir);
        for (Path p : data.calibration()) {
            calibration.add(LabelledDataset.readImage(p));
        }
        for (LabelledDataset.TestFrame t : data.test()) {
            test.add(LabelledDataset.readImage(t.imagePath()));
            defective.add(t.defective());
        }
        inspector = TestModels.inspector();
        // batch 4 leaves a last chunk of 2, so a calibration that drops a partial batch shows
        profile = inspector.calibrate(calibration, 7, 4);
    }

    @Test
    void theProfileHoldsEveryCalibrationFrame() {
        assertThat(profile.frameCount()).isEqualTo(10);
        assertThat(profile.version()).isEqualTo(7);
        // the banks keep every token and patch here, so each calibration frame is its own nearest
        // neighbour; the raw-pixel channel's search stops early below half its threshold
        // (AppearanceChannel.EXACT_FROM), so the fused score is at most a quarter of it, not 0
        for (InspectedFrame f : inspector.inspect(calibration, profile)) {
            assertThat(f.assessment().frameScore()).isLessThan(f.assessment().threshold() / 3);
            assertThat(f.assessment().isDefective()).isFalse();
        }
        for (InspectedFrame f : inspector.inspect(calibration, profile.withoutAppearance())) {
            assertThat(f.assessment().frameScore()).as("token channel alone").isLessThan(1e-3f);
        }
    }

    @Test
    void conceptPrototypesComeFromEveryCalibrationFrameWhateverTheBatch() {
        ConceptPrototypes inFours = inspector.conceptPrototypes(calibration, 4, ConceptPrototypes.DEFAULT_MAX_DISTANCE);
        ConceptPrototypes atOnce = inspector.conceptPrototypes(calibration, 10, ConceptPrototypes.DEFAULT_MAX_DISTANCE);
        assertThat(inFours).isEqualTo(atOnce);
        assertThat(inFours.count()).isPositive();
        assertThat(inFours.dim()).isEqualTo(inspector.runner().config().dim());
        assertThat(inFours)
                .isNotEqualTo(inspector.conceptPrototypes(
                        calibration.subList(0, 8), 4, ConceptPrototypes.DEFAULT_MAX_DISTANCE));
    }

    @Test
    void defectiveFramesScoreWellAboveGoodOnesAndFlaggedFramesNameRegions() {
        List<InspectedFrame> frames = inspector.inspect(test, profile);
        double goodSum = 0;
        double defectSum = 0;
        int goodFlagged = 0;
        int defectsFlagged = 0;
        for (int i = 0; i < frames.size(); i++) {
            FrameAssessment a = frames.get(i).assessment();
            assertThat(a.threshold()).isEqualTo(profile.threshold());
            assertThat(a.regions().isEmpty())
                    .as("frame %d has regions iff flagged", i)
                    .isEqualTo(!a.isDefective());
            if (defective.get(i)) {
                defectSum += a.frameScore();
                defectsFlagged += a.isDefective() ? 1 : 0;
            } else {
                goodSum += a.frameScore();
                goodFlagged += a.isDefective() ? 1 : 0;
            }
        }
        assertThat(defectSum / goodSum)
                .as("mean defective / mean good score (measured 2.06)")
                .isGreaterThanOrEqualTo(1.5);
        assertThat(defectsFlagged)
                .as("defective frames flagged (measured 6 of 8)")
                .isGreaterThanOrEqualTo(5);
        assertThat(goodFlagged).as("good frames flagged (measured 1 of 8)").isLessThanOrEqualTo(2);
    }

    @Test
    void aBatchGivesEachFrameWhatItGetsAlone() {
        List<InspectedFrame> batch = inspector.inspect(test, profile);
        for (int i = 0; i < test.size(); i++) {
            InspectedFrame alone =
                    inspector.inspect(List.of(test.get(i)), profile).get(0);
            assertThat(batch.get(i).assessment().frameScore())
                    .as("frame %d", i)
                    .isCloseTo(alone.assessment().frameScore(), offset(1e-3f));
            assertThat(batch.get(i).assessment().regions())
                    .as("frame %d", i)
                    .hasSameSizeAs(alone.assessment().regions());
            assertThat(batch.get(i).segmentation().labels())
                    .as("frame %d", i)
                    .isEqualTo(alone.segmentation().labels());
        }
    }

    @Test
    void aBatchOfMixedTransformsGivesEachFrameTheMapsOfItsOwn() {
        TokenTransform w = TransformCalibration.learn(inspector, calibration, TransformCalibration.SEED)
                .transform();
        List<RgbImage> frames = test.subList(0, 3);
        List<InspectedFrame> mixed = inspector.inspectEach(frames, Arrays.asList(w, null, w));
        // the calls inspectEach should make: one per W, its frames in order
        List<InspectedFrame> throughW = inspector.inspect(List.of(frames.get(0), frames.get(2)), null, w);
        InspectedFrame plain =
                inspector.inspect(List.of(frames.get(1)), null, null).get(0);
        assertThat(mixed.get(0).modelOutput().maps())
                .isEqualTo(throughW.get(0).modelOutput().maps());
        assertThat(mixed.get(1).modelOutput().maps())
                .isEqualTo(plain.modelOutput().maps());
        assertThat(mixed.get(2).modelOutput().maps())
                .isEqualTo(throughW.get(1).modelOutput().maps());
        assertThat(mixed.get(0).modelOutput().maps())
                .isNotEqualTo(plain.modelOutput().maps());
        assertThat(mixed.get(2).segmentation().labels())
                .isEqualTo(throughW.get(1).segmentation().labels());
    }

    @Test
    void aFrameOfAnotherSizeIsResizedForTheModelButKeepsItsOwnSize() {
        int w = 96;
        int h = 80;
        float[] px = new float[w * h * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 31 % 97) / 96f;
        }
        RgbImage frame = new RgbImage(w, h, px);
        assertThat(inspector.modelInput(frame)).hasSize(64 * 64 * 3);

        InspectedFrame withoutProfile = inspector.inspect(List.of(frame), null).get(0);
        assertThat(withoutProfile.width()).isEqualTo(w);
        assertThat(withoutProfile.height()).isEqualTo(h);
        assertThat(withoutProfile.assessment()).isNull();
        assertThat(withoutProfile.modelOutput().numPatches()).isEqualTo(64);
        assertThat(withoutProfile.modelOutput().dim()).isEqualTo(24);
        assertThat(withoutProfile.segmentation().labels()).hasSize(64);

        FrameAssessment scored =
                inspector.inspect(List.of(frame), profile).get(0).assessment();
        assertThat(scored.tokenScores()).hasSize(64);
        assertThat(scored.gridHeight()).isEqualTo(8);
        assertThat(scored.gridWidth()).isEqualTo(8);
    }

    @Test
    void shiftedGridsScoreFinerAndStayConsistentWithTheirOwnCalibration() {
        FrameInspector plain = TestModels.inspector();
        FrameInspector shifted = new FrameInspector(
                plain.runner(),
                new io.ultraline.ultra.UltraSegmenter(io.ultraline.ultra.SegmenterConfig.defaults()),
                plain.detector(),
                2);
        ReferenceProfile p2 = shifted.calibrate(calibration, 8, 4);
        List<InspectedFrame> frames = shifted.inspect(test.subList(0, 4), p2);
        List<InspectedFrame> base = plain.inspect(test.subList(0, 4), profile);
        for (int i = 0; i < frames.size(); i++) {
            InspectedFrame f = frames.get(i);
            FrameAssessment a = f.assessment();
            assertThat(f.scoringTokens()).hasSize(4 * f.modelOutput().tokens().length);
            // view 0 is the plain frame: its tokens lead the scoring tokens
            assertThat(java.util.Arrays.copyOf(
                            f.scoringTokens(), f.modelOutput().tokens().length))
                    .containsExactly(base.get(i).modelOutput().tokens());
            // the raw-pixel channel puts the fine map at the input's pixels: 8 per token cell
            assertThat(p2.appearance()).isNotNull();
            assertThat(a.fineScale()).isEqualTo(8);
            assertThat(a.fineScores()).hasSize(64 * a.tokenScores().length);
            // the token channel alone keeps the 2 x 2 fine grid of the shifted views where they
            // count (from 0 of the threshold on; by default a frame far under it keeps its plain view)
            FrameAssessment own = shifted.detector()
                    .withShiftedViewsFrom(0f)
                    .assess(
                            p2.withoutAppearance(),
                            f.scoringTokens(),
                            f.modelOutput().dim(),
                            f.segmentation(),
                            f.width(),
                            f.height());
            assertThat(own.fineScale()).isEqualTo(2);
            assertThat(own.fineScores()).hasSize(4 * a.tokenScores().length);
            float max = 0;
            for (float v : a.tokenScores()) {
                max = Math.max(max, v);
            }
            assertThat(a.frameScore()).isEqualTo(max);
            assertThat(a.regions().isEmpty()).isEqualTo(!a.isDefective());
        }
        // calibration frames sit in the bank with every view: they score far below the threshold
        for (InspectedFrame f : shifted.inspect(calibration.subList(0, 2), p2)) {
            assertThat(f.assessment().frameScore()).isLessThan(f.assessment().threshold() / 3);
        }
    }
}
