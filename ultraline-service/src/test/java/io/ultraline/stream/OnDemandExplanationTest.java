package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.control.ExplainCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Explain on demand through the topology: an EXPLAIN command carrying a retained frame gives that
 * frame one explanation (reason ON_DEMAND) under its original source reference, and nothing else:
 * no verdict, no defect, no profile change. Bad commands are dead-lettered.
 */
class OnDemandExplanationTest {

    private static final BatchConfig ONE = BatchConfig.of(1, Duration.ofSeconds(1));

    @Test
    void anOkFrameThatTheSelectionSkippedIsExplainedOnDemandUnderItsOwnSource() {
        ExplainConfig flagged = new ExplainConfig(ExplanationsMode.FLAGGED, 4, 16, "anomalous", 0.0);
        try (PipelineHarness h = calibrated(flagged)) {
            CameraFrame frame = TestCameraFrames.frame("cam-1", "good-1", TestCameraFrames.good(11));
            h.pipe(frame);
            FrameVerdict verdict = h.verdicts().get(0);
            assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.OK);
            assertThat(h.explanations.isEmpty())
                    .as("flagged mode explains no OK frame by itself")
                    .isTrue();

            send(h, ExplainCommands.explain(frame, verdict.getSource(), "test", Instant.ofEpochMilli(9_000)));

            FrameExplanation e = h.explanations.readValuesToList().get(0);
            assertThat(e.getReason()).isEqualTo("ON_DEMAND");
            assertThat(e.getSource()).isEqualTo(verdict.getSource());
            assertThat(e.getFrameId()).isEqualTo("good-1");
            assertThat(e.getCaptureTimestamp()).isEqualTo(frame.getCaptureTimestamp());
            assertThat(e.getTargets()).as("T of explanations.targets").hasSize(16);
            assertThat(e.getTokenScores())
                    .as("scored against the camera's profile")
                    .isNotNull();
            assertThat(e.getProfileVersion()).isEqualTo(verdict.getProfileVersion());
            assertThat(e.getConceptCount()).isPositive();
            assertThat(h.verdicts()).as("no second verdict").isEmpty();
            assertThat(h.defects.isEmpty()).isTrue();
            assertThat(h.profiles.isEmpty()).as("no profile change").isTrue();
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void modeAllExplainsOnDemandWithEveryMapAndACameraWithoutProfileUnscored() {
        try (PipelineHarness h =
                new PipelineHarness(PipelineConfig.defaults().withBatch(ONE), new RecordingModelStep(), Map.of())) {
            CameraFrame frame = TestCameraFrames.frame("cam-7", "f-7", TestCameraFrames.good(3));
            send(
                    h,
                    ExplainCommands.explain(
                            frame, new SourceRef(Topics.FRAMES, 0, 41L), "test", Instant.ofEpochMilli(1)));
            FrameExplanation e = h.explanations.readValuesToList().get(0);
            assertThat(e.getReason()).isEqualTo("ON_DEMAND");
            assertThat(e.getSource().getOffset()).isEqualTo(41L);
            assertThat(e.getTargets()).as("mode all: all N maps").isNull();
            assertThat(e.getTokenScores()).as("no profile, no scores").isNull();
            assertThat(e.getProfileVersion()).isNull();
            assertThat(h.verdicts()).isEmpty();
        }
    }

    @Test
    void explainCommandsWithoutAUsableFrameAreDeadLettered() {
        try (PipelineHarness h =
                new PipelineHarness(PipelineConfig.defaults().withBatch(ONE), new RecordingModelStep(), Map.of())) {
            CameraFrame frame = TestCameraFrames.frame("cam-1", "f", TestCameraFrames.good(1));
            SourceRef source = new SourceRef(Topics.FRAMES, 0, 0L);
            CalibrationCommand noImage = ExplainCommands.explain(frame, source, "test", Instant.ofEpochMilli(1));
            noImage.setFrameImage(null);
            send(h, noImage);
            CalibrationCommand noSource = ExplainCommands.explain(frame, source, "test", Instant.ofEpochMilli(1));
            noSource.setFrameSource(null);
            send(h, noSource);
            CalibrationCommand garbage = ExplainCommands.explain(frame, source, "test", Instant.ofEpochMilli(1));
            garbage.setFrameImage(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}));
            send(h, garbage);

            assertThat(h.deadLetters.readValuesToList())
                    .extracting(RejectedFrame::getMessage)
                    .satisfiesExactly(
                            m -> assertThat(m).startsWith("EXPLAIN").contains("no frame image"),
                            m -> assertThat(m).startsWith("EXPLAIN").contains("no frameSource"),
                            m -> assertThat(m).startsWith("EXPLAIN").contains("its frame f is refused"));
            assertThat(h.explanations.isEmpty()).isTrue();
        }
    }

    /** Calibrates cam-1 on three good frames and drains their verdicts and explanations. */
    private static PipelineHarness calibrated(ExplainConfig explain) {
        PipelineHarness h = new PipelineHarness(
                PipelineConfig.defaults().withBatch(ONE).withExplain(explain), new RecordingModelStep(), Map.of());
        h.command("cam-1", null, CalibrationAction.START, 3);
        for (int i = 0; i < 3; i++) {
            h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            h.advance(Duration.ofMillis(100));
            return !h.profiles.isEmpty();
        });
        List<FrameVerdict> calibrating = h.verdicts();
        assertThat(calibrating).hasSize(3);
        h.explanations.readValuesToList();
        h.profiles.readValuesToList();
        return h;
    }

    private static void send(PipelineHarness h, CalibrationCommand command) {
        h.calibration.pipeInput(new TestRecord<>(command.getCameraId(), command, Instant.ofEpochMilli(20_000)));
    }
}
