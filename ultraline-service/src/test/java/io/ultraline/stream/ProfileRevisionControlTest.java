package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.control.ProfileChanges;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * ADD_NORMAL and MARGIN through the topology: a flagged frame taught as normal gives the camera a
 * new profile version on line.profiles under which the same frame scores lower; a margin gives a
 * version with the calibrated threshold scaled; bad commands are dead-lettered.
 */
class ProfileRevisionControlTest {

    private static final PipelineConfig CONFIG =
            PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1)));

    @Test
    void aFalseAlarmTaughtAsNormalScoresLowerUnderTheNextVersion() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            ReferenceProfile calibrated = calibrate(h);
            CameraFrame bad = TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(99));
            h.pipe(CameraFrame.newBuilder(bad).build());
            FrameVerdict first = h.verdicts().get(0);
            assertThat(first.getStatus()).isEqualTo(VerdictStatus.DEFECT);

            send(h, ProfileChanges.addNormal(bad, first.getSource(), "test", Instant.ofEpochMilli(5_000)));
            ReferenceProfile taught = h.profiles.readRecord().value();
            assertThat(taught.getVersion()).isEqualTo(2);
            assertThat(taught.getChange()).isEqualTo(ProfileChange.NORMAL_EXAMPLE);
            assertThat(taught.getBasedOnVersion()).isEqualTo(1L);
            assertThat(taught.getSource()).isEqualTo(first.getSource());
            assertThat(taught.getCreatedTimestamp()).isEqualTo(Instant.ofEpochMilli(5_000));
            assertThat(taught.getThreshold()).isEqualTo(calibrated.getThreshold());

            h.pipe(CameraFrame.newBuilder(bad).build());
            FrameVerdict again = h.verdicts().get(0);
            assertThat(again.getProfileVersion()).isEqualTo(2L);
            assertThat(again.getFrameScore()).as("replayed score").isLessThan(first.getFrameScore() * 0.5f);
        }
    }

    @Test
    void aPushedZoomProfileScoresFramesOnItsTilesAndLearnsATaughtFrameInThem() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            FrameInspector inspector = TestModels.inspector();
            List<RgbImage> good = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                good.add(RgbImage.of(TestCameraFrames.good(i)));
            }
            io.ultraline.defect.ReferenceProfile zoomed =
                    inspector.calibrate(good, 1, 8, inspector.detector().profileConfig(), 2);
            assertThat(zoomed.zoom()).isNotNull();
            h.calibration.pipeInput(new TestRecord<>(
                    "cam-1",
                    CalibrationCommand.newBuilder()
                            .setCommandId("push-zoom")
                            .setCameraId("cam-1")
                            .setAction(CalibrationAction.PUSH)
                            .setProfile(ByteBuffer.wrap(ProfileCodec.encode(zoomed)))
                            .setModelDigest(inspector.runner().manifest().weightsSha256())
                            .setTimestamp(Instant.ofEpochMilli(1))
                            .build(),
                    Instant.ofEpochMilli(1)));
            assertThat(ProfileCodec.decode(bytes(h.profiles.readRecord().value().getBank()))
                            .zoom())
                    .isEqualTo(zoomed.zoom());

            CameraFrame bad = TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(99));
            h.pipe(TestCameraFrames.frame("cam-1", "good", TestCameraFrames.good(7)));
            h.pipe(CameraFrame.newBuilder(bad).build());
            java.util.List<FrameVerdict> scored = h.verdicts();
            assertThat(scored)
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.OK, VerdictStatus.DEFECT);
            assertThat(scored.get(1).getThreshold()).isEqualTo(zoomed.threshold());

            send(h, ProfileChanges.addNormal(bad, scored.get(1).getSource(), "test", Instant.ofEpochMilli(5_000)));
            io.ultraline.defect.ReferenceProfile taught =
                    ProfileCodec.decode(bytes(h.profiles.readRecord().value().getBank()));
            assertThat(taught.zoom().bank())
                    .as("the zoom bank learned the frame's tiles")
                    .isNotEqualTo(zoomed.zoom().bank());
            h.pipe(CameraFrame.newBuilder(bad).build());
            assertThat(h.verdicts().get(0).getFrameScore())
                    .isLessThan(scored.get(1).getFrameScore() * 0.5f);
        }
    }

    @Test
    void aMarginIsANewVersionWithTheCalibratedThresholdScaled() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            ReferenceProfile calibrated = calibrate(h);
            send(h, ProfileChanges.margin("cam-1", null, 2f, "test", Instant.ofEpochMilli(6_000)));
            ReferenceProfile wider = h.profiles.readRecord().value();
            assertThat(wider.getVersion()).isEqualTo(2);
            assertThat(wider.getChange()).isEqualTo(ProfileChange.MARGIN);
            assertThat(wider.getMargin()).isEqualTo(2f);
            float calibratedThreshold =
                    ProfileCodec.decode(bytes(calibrated.getBank())).calibratedThreshold();
            assertThat(wider.getThreshold()).isEqualTo(calibratedThreshold * 2f);

            h.pipe(TestCameraFrames.frame("cam-1", "next", TestCameraFrames.good(3)));
            FrameVerdict v = h.verdicts().get(0);
            assertThat(v.getProfileVersion()).isEqualTo(2L);
            assertThat(v.getThreshold()).isEqualTo(wider.getThreshold());
        }
    }

    @Test
    void badRevisionsAreDeadLetteredAndAProfilelessCameraIsLeftAlone() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            CameraFrame frame = TestCameraFrames.frame("cam-9", "f", TestCameraFrames.good(1));
            send(
                    h,
                    ProfileChanges.addNormal(
                            frame,
                            new io.ultraline.avro.SourceRef("line.frames", 0, 0L),
                            "test",
                            Instant.ofEpochMilli(1)));
            assertThat(h.profiles.isEmpty()).as("no profile to change").isTrue();

            CalibrationCommand noImage = ProfileChanges.addNormal(
                    frame, new io.ultraline.avro.SourceRef("line.frames", 0, 0L), "test", Instant.ofEpochMilli(1));
            noImage.setFrameImage(null);
            send(h, noImage);
            CalibrationCommand garbage = ProfileChanges.addNormal(
                    frame, new io.ultraline.avro.SourceRef("line.frames", 0, 0L), "test", Instant.ofEpochMilli(1));
            garbage.setFrameImage(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            send(h, garbage);
            CalibrationCommand zero = ProfileChanges.margin("cam-9", null, 1f, "test", Instant.ofEpochMilli(1));
            zero.setMargin(0f);
            send(h, zero);

            assertThat(h.deadLetters.readValuesToList())
                    .extracting(RejectedFrame::getMessage)
                    .satisfiesExactly(
                            m -> assertThat(m).contains("no frame image"),
                            m -> assertThat(m).contains("its frame f is refused"),
                            m -> assertThat(m).contains("margin 0.0"));
            assertThat(h.profiles.isEmpty()).isTrue();
        }
    }

    private static ReferenceProfile calibrate(PipelineHarness h) {
        h.command("cam-1", null, CalibrationAction.START, 4);
        for (int i = 0; i < 4; i++) {
            h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
        }
        h.verdicts();
        ReferenceProfile p = h.profiles.readRecord().value();
        assertThat(p.getChange()).isEqualTo(ProfileChange.CALIBRATION);
        return p;
    }

    private static void send(PipelineHarness h, CalibrationCommand command) {
        h.calibration.pipeInput(new TestRecord<>(command.getCameraId(), command, Instant.ofEpochMilli(2)));
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
