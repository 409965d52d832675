package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two-stage inference in the topology: which frames get maps and explanations, that the second
 * stage batches them per flush, and that its verdicts and defects are those of mode all.
 */
class TwoStageInferenceTest {

    private static final BatchConfig ONE = BatchConfig.of(1, Duration.ofSeconds(1));
    private static final BatchConfig EIGHT = BatchConfig.of(8, Duration.ofSeconds(1));

    /** K = 4 and no margin, so that only DEFECT frames and offsets 0, 4, 8, ... are explained. */
    private static ExplainConfig sampled() {
        return new ExplainConfig(ExplanationsMode.SAMPLED, 4, 16, "anomalous", 0.0);
    }

    @Test
    void sampledModeExplainsFlaggedFramesAndOneFrameInKByOffset() {
        try (PipelineHarness h = calibrated(ONE, sampled(), new RecordingModelStep())) {
            // offsets 0-2 calibrate (0 is sampled), 3-12 are scored, 7 is defective
            List<String> ids = pipeGoodAndOneBad(h, 10, 4);
            List<FrameVerdict> verdicts = h.verdicts();
            assertThat(verdicts).extracting(FrameVerdict::getFrameId).containsExactlyElementsOf(ids);
            List<FrameExplanation> explained = h.explanations.readValuesToList();
            assertThat(explained)
                    .extracting(e -> e.getSource().getOffset() + ":" + e.getReason())
                    .containsExactly("0:SAMPLED", "4:SAMPLED", "7:FLAGGED", "8:SAMPLED", "12:SAMPLED");
            assertThat(explained.get(0).getTokenScores())
                    .as("a calibrating frame has no scores")
                    .isNull();
            assertThat(explained)
                    .allSatisfy(e -> assertThat(e.getConceptCount()).isPositive());
            // a verdict counts concepts only where its maps were computed
            assertThat(verdicts)
                    .allSatisfy(v -> assertThat(v.getConceptCount() > 0)
                            .as("concepts of offset " + v.getSource().getOffset())
                            .isEqualTo(List.of(4L, 7L, 8L, 12L)
                                    .contains(v.getSource().getOffset())));
        }
    }

    @Test
    void flaggedModeExplainsOnlyDefectsAndTheirRegionsKeepTheirRelevance() {
        try (PipelineHarness h = calibrated(
                ONE, new ExplainConfig(ExplanationsMode.FLAGGED, 4, 16, "anomalous", 0.0), new RecordingModelStep())) {
            pipeGoodAndOneBad(h, 6, 2);
            List<FrameVerdict> verdicts = h.verdicts();
            assertThat(verdicts).extracting(FrameVerdict::getStatus).containsOnlyOnce(VerdictStatus.DEFECT);
            FrameVerdict bad = verdicts.stream()
                    .filter(v -> v.getStatus() == VerdictStatus.DEFECT)
                    .findFirst()
                    .orElseThrow();
            assertThat(h.explanations.readValuesToList()).singleElement().satisfies(e -> {
                assertThat(e.getSource()).isEqualTo(bad.getSource());
                assertThat(e.getReason()).isEqualTo("FLAGGED");
                assertThat(e.getTokenScores()).isNotNull();
            });
            List<DefectRegion> defects = h.defects.readValuesToList();
            assertThat(defects)
                    .hasSize(bad.getRegionCount())
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getExplanation().getMax()).isPositive());
        }
    }

    @Test
    void theSecondStageRunsOncePerFlushOnTheSelectedFramesOnly() {
        RecordingModelStep inspection = new RecordingModelStep();
        try (PipelineHarness h = calibrated(EIGHT, sampled(), inspection)) {
            h.advance(Duration.ofSeconds(2)); // flush the calibration frames
            int before = inspection.explainSizes().size();
            pipeGoodAndOneBad(h, 8, 3); // offsets 3-10: 4 and 8 sampled, 6 flagged
            assertThat(h.verdicts()).hasSize(8 + 3);
            assertThat(inspection
                            .explainSizes()
                            .subList(before, inspection.explainSizes().size()))
                    .containsExactly(3);
        }
    }

    @Test
    void twoStageVerdictsAndDefectsAreThoseOfModeAll() {
        List<FrameVerdict> all;
        List<DefectRegion> allDefects;
        try (PipelineHarness h = calibrated(ONE, ExplainConfig.defaults(), new RecordingModelStep())) {
            pipeGoodAndOneBad(h, 5, 1);
            all = h.verdicts();
            allDefects = h.defects.readValuesToList();
        }
        // strategy all: the same maps as mode all, so the regions' relevance must match too
        try (PipelineHarness h = calibrated(
                ONE, new ExplainConfig(ExplanationsMode.FLAGGED, 20, 16, "all", 0.1), new RecordingModelStep())) {
            pipeGoodAndOneBad(h, 5, 1);
            assertSameOutcomes(all, allDefects, h, true);
        }
    }

    /** The harness's verdicts and defects are those of mode all, relevance maps too where asked. */
    private static void assertSameOutcomes(
            List<FrameVerdict> all, List<DefectRegion> allDefects, PipelineHarness h, boolean relevance) {
        List<FrameVerdict> two = h.verdicts();
        assertThat(two).hasSameSizeAs(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(two.get(i).getStatus()).isEqualTo(all.get(i).getStatus());
            assertThat(two.get(i).getFrameScore()).isEqualTo(all.get(i).getFrameScore());
            assertThat(two.get(i).getThreshold()).isEqualTo(all.get(i).getThreshold());
            assertThat(two.get(i).getRegionCount()).isEqualTo(all.get(i).getRegionCount());
        }
        List<DefectRegion> defects = h.defects.readValuesToList();
        assertThat(defects).hasSameSizeAs(allDefects).isNotEmpty();
        for (int i = 0; i < defects.size(); i++) {
            assertThat(defects.get(i).getMask()).isEqualTo(allDefects.get(i).getMask());
            assertThat(defects.get(i).getScore()).isEqualTo(allDefects.get(i).getScore());
            if (relevance) {
                assertThat(defects.get(i).getExplanation())
                        .isEqualTo(allDefects.get(i).getExplanation());
            }
        }
    }

    @Test
    void shiftedViewsOnlyForFramesNearTheThresholdKeepModeAllsVerdictsAndScores() {
        List<FrameVerdict> all;
        List<DefectRegion> allDefects;
        try (PipelineHarness h =
                calibrated(ONE, ExplainConfig.defaults(), new RecordingModelStep(TestModels.shiftingInspector()))) {
            pipeGoodAndOneBad(h, 6, 2);
            all = h.verdicts();
            allDefects = h.defects.readValuesToList();
        }
        RecordingModelStep inspection = new RecordingModelStep(TestModels.shiftingInspector());
        try (PipelineHarness h =
                calibrated(ONE, new ExplainConfig(ExplanationsMode.FLAGGED, 20, 16, "all", 0.1), inspection)) {
            int calibrationViews = inspection.viewSizes().size();
            pipeGoodAndOneBad(h, 6, 2);
            assertSameOutcomes(all, allDefects, h, false);
            // the calibration frames and the flagged frame got their views; not every good frame did
            assertThat(calibrationViews).isEqualTo(3);
            int scoredWithViews = inspection.viewSizes().size() - calibrationViews;
            assertThat(scoredWithViews).isBetween(1, 5);
            // a frame scored again on its views keeps its raw-pixel scores from the plain view
            assertThat(inspection.pixelScoreSearches())
                    .as("raw-pixel bank searches for 6 frames")
                    .isEqualTo(6);
        }
    }

    @Test
    void sparseTargetsIncludeTheFlaggedFramesHighestScoringTokens() {
        try (PipelineHarness h = calibrated(
                ONE, new ExplainConfig(ExplanationsMode.FLAGGED, 4, 16, "anomalous", 0), new RecordingModelStep())) {
            pipeGoodAndOneBad(h, 3, 1);
            FrameExplanation e = h.explanations.readValuesToList().get(0);
            assertThat(e.getReason()).isEqualTo("FLAGGED");
            assertThat(e.getTargets()).hasSize(16).doesNotHaveDuplicates();
            byte[] scores = new byte[64];
            e.getTokenScores().getValues().duplicate().get(scores);
            int top = 0;
            for (int j = 1; j < 64; j++) {
                top = (scores[j] & 0xff) > (scores[top] & 0xff) ? j : top;
            }
            assertThat(e.getTargets())
                    .as("the top-scoring token has its own map")
                    .contains(top);
            assertThat(h.defects.readValuesToList())
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getExplanation().getMax()).isPositive());
        }
    }

    @Test
    void aWideMarginExplainsFramesNearTheThreshold() {
        try (PipelineHarness h = calibrated(
                ONE, new ExplainConfig(ExplanationsMode.FLAGGED, 4, 16, "all", 0.99), new RecordingModelStep())) {
            pipeGoodAndOneBad(h, 3, 1);
            assertThat(h.explanations.readValuesToList())
                    .extracting(FrameExplanation::getReason)
                    .containsExactly("NEAR_THRESHOLD", "FLAGGED", "NEAR_THRESHOLD");
        }
    }

    @Test
    void modeNoneStillGivesDefectsTheirRelevanceButPublishesNoExplanation() {
        RecordingModelStep inspection = new RecordingModelStep();
        try (PipelineHarness h = calibrated(ONE, ExplainConfig.of(ExplanationsMode.NONE), inspection)) {
            pipeGoodAndOneBad(h, 3, 1);
            assertThat(h.explanations.isEmpty()).isTrue();
            assertThat(h.defects.readValuesToList())
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.getExplanation().getMax()).isPositive());
            assertThat(inspection.explainSizes()).containsExactly(1);
        }
    }

    /** Calibrates cam-1 on three good frames (offsets 0-2) and, with batches of one, drains their verdicts. */
    private static PipelineHarness calibrated(BatchConfig batch, ExplainConfig explain, RecordingModelStep inspection) {
        // the profile learns a token transform W (the default): both modes explain through it
        PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(batch).withExplain(explain), inspection, Map.of());
        h.command("cam-1", null, CalibrationAction.START, 3);
        for (int i = 0; i < 3; i++) {
            h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
        }
        if (batch.size() == 1) {
            assertThat(h.verdicts()).extracting(FrameVerdict::getStatus).containsOnly(VerdictStatus.CALIBRATING);
        }
        // on a busy machine the build outlasts its inline wait and lands at a later punctuation
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            h.advance(Duration.ofMillis(100));
            return !h.profiles.isEmpty();
        });
        return h;
    }

    /** Pipes {@code count} frames, good but the one at {@code bad}; their ids in order. */
    private static List<String> pipeGoodAndOneBad(PipelineHarness h, int count, int bad) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = (i == bad ? "bad-" : "good-") + i;
            h.pipe(TestCameraFrames.frame(
                    "cam-1", id, i == bad ? TestCameraFrames.defective(7) : TestCameraFrames.good(10 + i)));
            ids.add(id);
        }
        return ids;
    }
}
