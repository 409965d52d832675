package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Explanation modes, alerts with hysteresis, and the stamps every output carries. */
class OutputsTest {

    private static final BatchConfig ONE = BatchConfig.of(1, Duration.ofSeconds(1));
    private static final AlertRule CAMERA_RULE =
            new AlertRule("camera-defects", AlertScope.CAMERA, 4, Duration.ZERO, 2, 0);
    private static final AlertRule LINE_RULE = new AlertRule("line-defects", AlertScope.LINE, 5, Duration.ZERO, 3, 1);

    @Test
    void explanationsModeAllExplainsEveryFrame() {
        try (PipelineHarness h = calibrated(ExplanationsMode.ALL, List.of())) {
            scoreGoodAndBad(h);
            List<FrameExplanation> all = h.explanations.readValuesToList();
            assertThat(all).extracting(FrameExplanation::getFrameId).containsExactly("good", "bad");
            FrameExplanation e = all.get(1);
            assertThat(e.getGridHeight()).isEqualTo(8);
            assertThat(e.getGridWidth()).isEqualTo(8);
            assertThat(e.getTokenLabels())
                    .hasSize(64)
                    .allSatisfy(l -> assertThat(l).isBetween(0, e.getConceptCount() - 1));
            assertThat(e.getConceptHeatmaps()).hasSize(e.getConceptCount());
            assertThat(e.getTokenScores()).isNotNull();
            assertThat(e.getTokenScores().getValues().remaining()).isEqualTo(64);
            assertThat(e.getThreshold()).isPositive();
            assertThat(e.getFrameWidth()).isEqualTo(64);
            // the concepts at pixel resolution: the frame's size, labels among the token labels'
            io.ultraline.avro.ConceptPixels px = e.getConceptPixels();
            assertThat(px.getWidth()).isEqualTo(64);
            assertThat(px.getHeight()).isEqualTo(e.getFrameHeight());
            int[] pixels = io.ultraline.ultra.ConceptPixelImage.fromRuns(
                            px.getWidth(),
                            px.getHeight(),
                            px.getRuns().stream().mapToInt(Integer::intValue).toArray())
                    .labels();
            assertThat(java.util.Arrays.stream(pixels).boxed().distinct().toList())
                    .isSubsetOf(e.getTokenLabels());
        }
    }

    @Test
    void explanationsModeFlaggedExplainsOnlyDefects() {
        try (PipelineHarness h = calibrated(ExplanationsMode.FLAGGED, List.of())) {
            scoreGoodAndBad(h);
            assertThat(h.explanations.readValuesToList())
                    .extracting(FrameExplanation::getFrameId)
                    .containsExactly("bad");
        }
    }

    @Test
    void explanationsModeNoneExplainsNothing() {
        try (PipelineHarness h = calibrated(ExplanationsMode.NONE, List.of())) {
            scoreGoodAndBad(h);
            assertThat(h.explanations.isEmpty()).isTrue();
        }
    }

    @Test
    void everyOutputCarriesSourceModelProfileAndPipelineVersion() {
        try (PipelineHarness h = calibrated(ExplanationsMode.ALL, List.of(CAMERA_RULE))) {
            ReferenceProfile profile = h.profiles.readValue();
            assertThat(profile.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
            assertStamp(profile.getModel());
            assertThat(profile.getSource().getTopic()).isEqualTo(Topics.FRAMES);

            for (int i = 0; i < 2; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "bad-" + i, TestCameraFrames.defective(50 + i)));
            }
            h.pipe(TestCameraFrames.frame("cam-1", "", TestCameraFrames.good(1)));
            List<FrameVerdict> verdicts = h.verdicts();
            assertThat(verdicts).hasSize(2).allSatisfy(v -> {
                assertStamp(v.getModel());
                assertThat(v.getProfileVersion()).isEqualTo(1L);
                assertThat(v.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
                assertThat(v.getSource().getTopic()).isEqualTo(Topics.FRAMES);
            });
            Map<String, SourceRef> sourceByFrame =
                    verdicts.stream().collect(Collectors.toMap(FrameVerdict::getFrameId, FrameVerdict::getSource));
            List<DefectRegion> regions = h.defects.readValuesToList();
            assertThat(regions).isNotEmpty().allSatisfy(r -> {
                assertStamp(r.getModel());
                assertThat(r.getProfileVersion()).isEqualTo(1L);
                assertThat(r.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
                assertThat(r.getSource()).isEqualTo(sourceByFrame.get(r.getFrameId()));
                // the stream fills the pixel mask, at the model's input size over the whole frame
                assertThat(r.getPixelMask()).isNotNull();
                assertThat(r.getPixelMask().getRuns().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .isEqualTo(
                                r.getPixelMask().getWidth() * r.getPixelMask().getHeight());
                assertThat(r.getPixelMask().getFrameWidth()).isPositive();
            });
            assertThat(h.explanations.readValuesToList()).hasSize(2).allSatisfy(e -> {
                assertStamp(e.getModel());
                assertThat(e.getProfileVersion()).isEqualTo(1L);
                assertThat(e.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
                assertThat(e.getSource()).isEqualTo(sourceByFrame.get(e.getFrameId()));
            });
            LineAlert alert = h.alerts.readValue();
            assertStamp(alert.getModel());
            assertThat(alert.getProfileVersion()).isEqualTo(1L);
            assertThat(alert.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
            assertThat(alert.getSource()).isEqualTo(sourceByFrame.get("bad-1"));
            RejectedFrame dead = h.deadLetters.readValue();
            assertStamp(dead.getModel());
            assertThat(dead.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
            assertThat(dead.getSource().getOffset())
                    .isEqualTo(sourceByFrame.get("bad-1").getOffset() + 1);
        }
    }

    @Test
    void aRecalibrationRuleCountsNormalFramesNearTheThresholdAndIgnoresDefects() {
        // level 0.01: every normal frame not seen in calibration scores above 1 % of its threshold
        AlertRule drift = new AlertRule(
                "drift", AlertScope.CAMERA, 4, Duration.ZERO, 3, 1, AlertKind.RECALIBRATION_SUGGESTED, 0.01);
        try (PipelineHarness h = calibrated(ExplanationsMode.NONE, List.of(drift))) {
            String[] sequence = {"O", "D", "O", "D", "D", "O"};
            for (int i = 0; i < sequence.length; i++) {
                h.pipe(TestCameraFrames.frame(
                        "cam-1",
                        "f-" + i,
                        sequence[i].equals("D") ? TestCameraFrames.defective(100 + i) : TestCameraFrames.good(10 + i)));
            }
            List<LineAlert> alerts = h.alerts.readValuesToList();
            assertThat(alerts).hasSize(1);
            LineAlert alert = alerts.get(0);
            assertThat(alert.getKind()).isEqualTo(AlertKind.RECALIBRATION_SUGGESTED);
            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
            // defective frames never entered the window: it holds the three normal ones
            assertThat(alert.getDefectiveFrames()).isEqualTo(3);
            assertThat(alert.getWindowFrames()).isEqualTo(3);
            assertThat(alert.getAlertId()).startsWith("drift/cam-1/");
            assertThat(alert.getMessage()).contains("consider recalibrating");
        }
    }

    @Test
    void cameraAndLineAlertsOpenOnceAndClearOnce() {
        try (PipelineHarness h = calibrated(ExplanationsMode.NONE, List.of(CAMERA_RULE, LINE_RULE))) {
            String[] sequence = {"D", "D", "D", "O", "O", "O", "O", "O", "D"};
            for (int i = 0; i < sequence.length; i++) {
                h.pipe(TestCameraFrames.frame(
                        "cam-1",
                        "f-" + i,
                        sequence[i].equals("D") ? TestCameraFrames.defective(100 + i) : TestCameraFrames.good(i % 3)));
            }
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(
                            VerdictStatus.DEFECT,
                            VerdictStatus.DEFECT,
                            VerdictStatus.DEFECT,
                            VerdictStatus.OK,
                            VerdictStatus.OK,
                            VerdictStatus.OK,
                            VerdictStatus.OK,
                            VerdictStatus.OK,
                            VerdictStatus.DEFECT);
            List<org.apache.kafka.streams.test.TestRecord<String, LineAlert>> alerts = h.alerts.readRecordsToList();
            Map<AlertScope, List<LineAlert>> byScope =
                    alerts.stream().map(r -> r.value()).collect(Collectors.groupingBy(LineAlert::getScope));

            List<LineAlert> camera = byScope.get(AlertScope.CAMERA);
            assertThat(camera).extracting(LineAlert::getState).containsExactly(AlertState.OPEN, AlertState.CLEARED);
            assertThat(camera).extracting(LineAlert::getDefectiveFrames).containsExactly(2, 0);
            assertThat(camera).extracting(LineAlert::getEventTimestamp).isSorted();
            assertThat(camera.get(0).getAlertId())
                    .isEqualTo(camera.get(1).getAlertId())
                    .startsWith("camera-defects/cam-1/");
            assertThat(camera).extracting(LineAlert::getKind).containsOnly(AlertKind.DEFECT_BURST);
            assertThat(camera.get(1).getOpenedTimestamp())
                    .isEqualTo(camera.get(0).getEventTimestamp());
            assertThat(camera).allSatisfy(a -> assertThat(a.getScopeId()).isEqualTo("cam-1"));

            List<LineAlert> line = byScope.get(AlertScope.LINE);
            assertThat(line).extracting(LineAlert::getState).containsExactly(AlertState.OPEN, AlertState.CLEARED);
            assertThat(line).extracting(LineAlert::getDefectiveFrames).containsExactly(3, 1);
            assertThat(line.get(0).getAlertId())
                    .isEqualTo(line.get(1).getAlertId())
                    .startsWith("line-defects/line-a/");
            assertThat(alerts)
                    .filteredOn(r -> r.value().getScope() == AlertScope.LINE)
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo(TestCameraFrames.LINE));
            assertThat(alerts)
                    .filteredOn(r -> r.value().getScope() == AlertScope.CAMERA)
                    .allSatisfy(r -> assertThat(r.key()).isEqualTo("cam-1"));
        }
    }

    @Test
    void latestVerdictsAndOpenAlertsAreQueryableAndEveryOutputIsObserved() {
        try (PipelineHarness h = calibrated(ExplanationsMode.ALL, List.of(CAMERA_RULE, LINE_RULE))) {
            KeyValueStore<String, FrameVerdict> latest = h.driver.getKeyValueStore(NodeNames.LATEST_VERDICTS_STORE);
            KeyValueStore<String, LineAlert> cameraOpen = h.driver.getKeyValueStore(NodeNames.OPEN_CAMERA_ALERTS_STORE);
            KeyValueStore<String, LineAlert> lineOpen = h.driver.getKeyValueStore(NodeNames.OPEN_LINE_ALERTS_STORE);
            for (int i = 0; i < 3; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "d-" + i, TestCameraFrames.defective(200 + i)));
            }
            assertThat(latest.get("cam-1").getFrameId()).isEqualTo("d-2");
            assertThat(cameraOpen.get("cam-1|camera-defects").getState()).isEqualTo(AlertState.OPEN);
            assertThat(lineOpen.get(TestCameraFrames.LINE + "|line-defects").getState())
                    .isEqualTo(AlertState.OPEN);
            for (int i = 0; i < 5; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "o-" + i, TestCameraFrames.good(i % 3)));
            }
            assertThat(latest.get("cam-1").getFrameId()).isEqualTo("o-4");
            assertThat(cameraOpen.get("cam-1|camera-defects")).isNull();
            assertThat(lineOpen.get(TestCameraFrames.LINE + "|line-defects")).isNull();

            List<FrameVerdict> verdicts = h.verdicts.readValuesToList();
            assertThat(h.observer.verdicts).hasSize(3 + verdicts.size()); // 3 calibration verdicts read before
            assertThat(h.observer.verdicts.subList(3, h.observer.verdicts.size()))
                    .isEqualTo(verdicts);
            assertThat(h.observer.frames)
                    .extracting(f -> f.getFrameId().toString())
                    .containsExactly("cal-0", "cal-1", "cal-2", "d-0", "d-1", "d-2", "o-0", "o-1", "o-2", "o-3", "o-4");
            assertThat(h.observer.defects).isEqualTo(h.defects.readValuesToList());
            assertThat(h.observer.explanations).hasSize(11);
            assertThat(h.observer.alerts).isEqualTo(h.alerts.readValuesToList());
        }
    }

    @Test
    void deadLettersOfTheTopologyAndOfTheHandlersAreObserved() {
        try (PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(ONE),
                ModelStep.of(TestModels.inspector()),
                PipelineHarness.atLeastOnce())) {
            h.pipeRaw(
                    "cam-1".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    new byte[] {9, 9, 9},
                    new org.apache.kafka.common.header.internals.RecordHeaders());
            h.pipe(TestCameraFrames.frame("cam-1", "empty", io.ultraline.avro.ImageEncoding.PNG, 64, 64, new byte[0]));
            List<RejectedFrame> dead = h.deadLetters.readValuesToList();
            assertThat(dead).hasSize(2);
            assertThat(h.observer.deadLetters)
                    .extracting(RejectedFrame::getReason)
                    .containsExactlyInAnyOrderElementsOf(
                            dead.stream().map(RejectedFrame::getReason).toList());
        }
    }

    private static PipelineHarness calibrated(ExplanationsMode mode, List<AlertRule> rules) {
        PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(ONE).withExplanations(mode).withAlertRules(rules));
        h.command("cam-1", null, CalibrationAction.START, 3);
        for (int i = 0; i < 3; i++) {
            h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
        }
        assertThat(h.verdicts()).extracting(FrameVerdict::getStatus).containsOnly(VerdictStatus.CALIBRATING);
        List<FrameExplanation> calibrationExplanations = h.explanations.readValuesToList();
        assertThat(calibrationExplanations).hasSize(mode == ExplanationsMode.ALL ? 3 : 0);
        assertThat(calibrationExplanations)
                .allSatisfy(e -> assertThat(e.getTokenScores()).isNull());
        return h;
    }

    private static void scoreGoodAndBad(PipelineHarness h) {
        h.pipe(TestCameraFrames.frame("cam-1", "good", TestCameraFrames.good(0)));
        h.pipe(TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(7)));
        assertThat(h.verdicts())
                .extracting(FrameVerdict::getStatus)
                .containsExactly(VerdictStatus.OK, VerdictStatus.DEFECT);
    }

    private static void assertStamp(ModelStamp stamp) {
        assertThat(stamp.getName()).isEqualTo("tiny-test");
        assertThat(stamp.getVersion()).isEqualTo("0");
        assertThat(stamp.getDigest())
                .isEqualTo(TestModels.inspector().runner().manifest().weightsSha256());
    }
}
