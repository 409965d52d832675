package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * PUSH: a profile built elsewhere (here: by another camera's calibration, as {@code ultraline
 * calibrate} would write it) becomes the camera's next profile version, goes to line.profiles and
 * scores the next frame; a profile of another model is dead-lettered and changes nothing.
 */
class ProfilePushTest {

    private static final PipelineConfig CONFIG =
            PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1)));

    @Test
    void aPushedProfileIsVersionedPublishedAndScoresTheNextFrame() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            ReferenceProfile built = calibrate(h, "cam-1");

            push(h, "cam-2", built.getBank(), built.getModel().getDigest());
            TestRecord<String, ReferenceProfile> snapshot = h.profiles.readRecord();
            assertThat(snapshot.key()).isEqualTo("cam-2");
            assertThat(snapshot.value().getVersion()).isEqualTo(1);
            assertThat(snapshot.value().getFrameCount()).isEqualTo(built.getFrameCount());
            assertThat(snapshot.value().getThreshold()).isEqualTo(built.getThreshold());
            assertThat(snapshot.value().getSource()).isNull();

            h.pipe(TestCameraFrames.frame("cam-2", "good", TestCameraFrames.good(0)));
            h.pipe(TestCameraFrames.frame("cam-2", "bad", TestCameraFrames.defective(99)));
            List<FrameVerdict> scored = h.verdicts();
            assertThat(scored)
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.OK, VerdictStatus.DEFECT);
            assertThat(scored).extracting(FrameVerdict::getProfileVersion).containsOnly(1L);

            push(h, "cam-1", built.getBank(), built.getModel().getDigest());
            assertThat(h.profiles.readRecord().value().getVersion())
                    .as("after the calibrated version 1")
                    .isEqualTo(2);
        }
    }

    @Test
    void aProfileOfAnotherModelOrNoProfileIsDeadLetteredAndChangesNothing() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            ReferenceProfile built = calibrate(h, "cam-1");

            push(h, "cam-2", built.getBank(), "0".repeat(64));
            push(h, "cam-2", null, built.getModel().getDigest());
            push(
                    h,
                    "cam-2",
                    ByteBuffer.wrap(new byte[] {1, 2, 3}),
                    built.getModel().getDigest());

            List<RejectedFrame> rejected = h.deadLetters.readValuesToList();
            assertThat(rejected).extracting(RejectedFrame::getReason).containsOnly(RejectReason.INVALID_FIELD);
            assertThat(rejected)
                    .extracting(RejectedFrame::getMessage)
                    .satisfiesExactly(
                            m -> assertThat(m).contains("built with model 000"),
                            m -> assertThat(m).contains("no profile bytes"),
                            m -> assertThat(m).contains("not a profile"));
            assertThat(h.profiles.isEmpty()).isTrue();
            h.pipe(TestCameraFrames.frame("cam-2", "next", TestCameraFrames.good(1)));
            assertThat(h.verdicts()).extracting(FrameVerdict::getStatus).containsExactly(VerdictStatus.UNCALIBRATED);
        }
    }

    private static ReferenceProfile calibrate(PipelineHarness h, String camera) {
        h.command(camera, null, CalibrationAction.START, 4);
        for (int i = 0; i < 4; i++) {
            h.pipe(TestCameraFrames.frame(camera, "cal-" + i, TestCameraFrames.good(i)));
        }
        h.verdicts();
        return h.profiles.readRecord().value();
    }

    private static void push(PipelineHarness h, String camera, ByteBuffer profile, String digest) {
        h.calibration.pipeInput(new TestRecord<>(
                camera,
                CalibrationCommand.newBuilder()
                        .setCommandId("push-" + camera)
                        .setCameraId(camera)
                        .setAction(CalibrationAction.PUSH)
                        .setProfile(profile == null ? null : profile.duplicate())
                        .setModelDigest(digest)
                        .setTimestamp(Instant.ofEpochMilli(1))
                        .build(),
                Instant.ofEpochMilli(1)));
    }
}
