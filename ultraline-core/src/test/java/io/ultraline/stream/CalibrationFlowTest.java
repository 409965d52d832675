package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.ProfileCodec;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** START n, n CALIBRATING verdicts, a profile snapshot, then scored frames; RESET; per product. */
class CalibrationFlowTest {

    private static final PipelineConfig CONFIG =
            PipelineConfig.defaults().withBatch(BatchConfig.of(2, Duration.ofSeconds(1)));

    @Test
    void startCollectsFramesBuildsAProfileAndLaterFramesAreScoredWithItsVersion() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.command("cam-1", null, CalibrationAction.START, 4);
            for (int i = 0; i < 4; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
            }
            List<FrameVerdict> calibrating = h.verdicts();
            assertThat(calibrating)
                    .extracting(FrameVerdict::getStatus)
                    .containsOnly(VerdictStatus.CALIBRATING)
                    .hasSize(4);
            assertThat(calibrating).extracting(FrameVerdict::getProfileVersion).containsOnlyNulls();

            TestRecord<String, ReferenceProfile> snapshot = h.profiles.readRecord();
            assertThat(snapshot.key()).isEqualTo("cam-1");
            ReferenceProfile profile = snapshot.value();
            assertThat(profile.getVersion()).isEqualTo(1);
            assertThat(profile.getFrameCount()).isEqualTo(4);
            assertThat(profile.getTokenDim()).isEqualTo(24);
            assertThat(profile.getSource().getOffset()).isEqualTo(3);
            assertThat(profile.getModel().getName()).isEqualTo("tiny-test");
            io.ultraline.defect.ReferenceProfile decoded =
                    ProfileCodec.decode(profile.getBank().array());
            assertThat(decoded.threshold()).isEqualTo(profile.getThreshold());
            // the frames' model inputs travelled through the calibration store into the raw-pixel channel
            assertThat(decoded.appearance()).isNotNull();
            assertThat(decoded.appearance().calibrationScores()).hasSize(4);

            h.pipe(TestCameraFrames.frame("cam-1", "good", TestCameraFrames.good(0)));
            h.pipe(TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(99)));
            List<FrameVerdict> scored = h.verdicts();
            assertThat(scored)
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.OK, VerdictStatus.DEFECT);
            assertThat(scored).extracting(FrameVerdict::getProfileVersion).containsOnly(1L);
            assertThat(scored).allSatisfy(v -> assertThat(v.getThreshold()).isEqualTo(profile.getThreshold()));
            FrameVerdict bad = scored.get(1);
            assertThat(bad.getFrameScore()).isGreaterThan(bad.getThreshold());
            List<DefectRegion> regions = h.defects.readValuesToList();
            assertThat(regions).hasSize(bad.getRegionCount()).isNotEmpty();
            assertThat(regions).allSatisfy(r -> {
                assertThat(r.getFrameId()).isEqualTo("bad");
                assertThat(r.getProfileVersion()).isEqualTo(1L);
                assertThat(r.getSource()).isEqualTo(bad.getSource());
                assertThat(r.getMask().getRuns().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .isEqualTo(64);
                assertThat(r.getBox().getWidth()).isPositive();
                assertThat(r.getExplanation().getValues().remaining()).isEqualTo(64);
            });
        }
    }

    /** {@code calibration.zoom: 2}: the stream's own calibration gives the profile its zoom channel, which scores. */
    @Test
    void withZoomSetACalibrationOnTheStreamAddsTheZoomChannelAndScoresByIt() {
        PipelineConfig zoomed = CONFIG.withBatch(BatchConfig.of(1, Duration.ofSeconds(1)))
                .withCalibration(CalibrationDefaults.defaults().withZoom(2));
        try (PipelineHarness h = new PipelineHarness(zoomed)) {
            h.command("cam-1", null, CalibrationAction.START, 4);
            for (int i = 0; i < 4; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
            }
            h.verdicts();
            ReferenceProfile profile = h.profiles.readValue();
            io.ultraline.defect.ReferenceProfile decoded =
                    io.ultraline.defect.ProfileCodec.decode(bytes(profile.getBank()));
            assertThat(decoded.zoom()).isNotNull();
            assertThat(decoded.zoom().scale()).isEqualTo(2);
            assertThat(decoded.zoom().calibrationScores()).hasSize(4);

            h.pipe(TestCameraFrames.frame("cam-1", "good", TestCameraFrames.good(7)));
            h.pipe(TestCameraFrames.frame("cam-1", "bad", TestCameraFrames.defective(99)));
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.OK, VerdictStatus.DEFECT);
        }
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void aBuildLongerThanTheInlineWaitFinishesInAPunctuationAndItsFramesStayCalibrating() {
        PipelineConfig background = CONFIG.withBatch(BatchConfig.of(1, Duration.ofSeconds(1)))
                .withCalibration(new CalibrationDefaults(50, 500, Duration.ZERO));
        try (PipelineHarness h = new PipelineHarness(background)) {
            h.command("cam-1", null, CalibrationAction.START, 3);
            for (int i = 0; i < 3; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i)));
            }
            assertThat(h.profiles.isEmpty())
                    .as("no transaction waits for the build")
                    .isTrue();
            // frames that arrive while it builds are CALIBRATING, and not part of the profile
            h.pipe(TestCameraFrames.frame("cam-1", "while-building", TestCameraFrames.good(5)));
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .hasSize(4)
                    .containsOnly(VerdictStatus.CALIBRATING);

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                h.advance(Duration.ofMillis(100));
                return !h.profiles.isEmpty();
            });
            ReferenceProfile profile = h.profiles.readValue();
            assertThat(profile.getVersion()).isEqualTo(1);
            assertThat(profile.getFrameCount()).isEqualTo(3);
            assertThat(profile.getSource().getOffset())
                    .as("the last collected frame, not the one after")
                    .isEqualTo(2);

            h.pipe(TestCameraFrames.frame("cam-1", "scored", TestCameraFrames.good(0)));
            assertThat(h.verdicts()).extracting(FrameVerdict::getProfileVersion).containsExactly(1L);
        }
    }

    @Test
    void aCalibrationAtTheMaximumSizeNeverHoldsATransactionForItsBuild() {
        // 500 frames (calibration.max-frames) of a 196-token model take minutes to build (269 s for
        // 196 x 384 on the 2-core machine); the slow double stands in for that build
        SlowCalibration model = new SlowCalibration(Duration.ofSeconds(6));
        int max = CalibrationDefaults.defaults().maxFrameCount();
        try (PipelineHarness h =
                new PipelineHarness(CONFIG.withBatch(BatchConfig.of(8, Duration.ofSeconds(1))), model)) {
            h.command("cam-1", null, CalibrationAction.START, max);
            for (int i = 0; i < max; i++) {
                h.pipe(TestCameraFrames.frame("cam-1", "cal-" + i, TestCameraFrames.good(i % 7)));
            }
            long start = System.nanoTime();
            h.pipe(TestCameraFrames.frame("cam-1", "while-building", TestCameraFrames.good(1)));
            h.advance(Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the stream thread did not wait for the build")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(h.profiles.isEmpty()).isTrue();
            assertThat(h.verdicts())
                    .hasSize(max + 1)
                    .extracting(FrameVerdict::getStatus)
                    .containsOnly(VerdictStatus.CALIBRATING);

            // the build calibrates the raw-pixel channel too (500 x 225 patches, thinned to 40,000)
            await().atMost(Duration.ofSeconds(180)).until(() -> {
                h.advance(Duration.ofMillis(200));
                return !h.profiles.isEmpty();
            });
            assertThat(h.profiles.readValue().getFrameCount()).isEqualTo(max);
        }
    }

    /** The tiny model, whose profile builds take {@code delay} longer, as a large model's would. */
    private static final class SlowCalibration extends RecordingModelStep {
        private final Duration delay;

        SlowCalibration(Duration delay) {
            this.delay = delay;
        }

        @Override
        public io.ultraline.defect.ProfileBuilder newCalibration() {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.newCalibration();
        }
    }

    @Test
    void aRestartDuringTheBuildDropsNothingAndAResetAbandonsIt() {
        PipelineConfig background = CONFIG.withBatch(BatchConfig.of(1, Duration.ofSeconds(1)))
                .withCalibration(new CalibrationDefaults(50, 500, Duration.ZERO));
        try (PipelineHarness h = new PipelineHarness(background)) {
            h.command("cam-1", null, CalibrationAction.START, 2);
            h.pipe(TestCameraFrames.frame("cam-1", "cal-0", TestCameraFrames.good(0)));
            h.pipe(TestCameraFrames.frame("cam-1", "cal-1", TestCameraFrames.good(1)));
            h.command("cam-1", null, CalibrationAction.RESET, 0);
            assertThat(h.profiles.readRecord().value())
                    .as("the RESET's tombstone")
                    .isNull();
            h.advance(Duration.ofSeconds(2));
            assertThat(h.profiles.isEmpty())
                    .as("the abandoned build stores nothing")
                    .isTrue();
            h.pipe(TestCameraFrames.frame("cam-1", "after", TestCameraFrames.good(2)));
            assertThat(h.verdicts()).extracting(FrameVerdict::getStatus).last().isEqualTo(VerdictStatus.UNCALIBRATED);
        }
    }

    @Test
    void resetDeletesTheProfileAndTheNextCalibrationGetsTheNextVersion() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            calibrate(h, "cam-2", null, 2);
            assertThat(h.profiles.readRecord().value().getVersion()).isEqualTo(1);

            h.command("cam-2", null, CalibrationAction.RESET, 0);
            TestRecord<String, ReferenceProfile> tombstone = h.profiles.readRecord();
            assertThat(tombstone.key()).isEqualTo("cam-2");
            assertThat(tombstone.value()).isNull();
            h.pipe(TestCameraFrames.frame("cam-2", "after-reset", TestCameraFrames.good(1)));
            h.advance(Duration.ofSeconds(2));
            assertThat(h.verdicts()).extracting(FrameVerdict::getStatus).containsExactly(VerdictStatus.UNCALIBRATED);

            calibrate(h, "cam-2", null, 2);
            assertThat(h.profiles.readRecord().value().getVersion()).isEqualTo(2);
            h.pipe(TestCameraFrames.frame("cam-2", "v2", TestCameraFrames.good(0)));
            h.advance(Duration.ofSeconds(2));
            assertThat(h.verdicts()).extracting(FrameVerdict::getProfileVersion).containsExactly(2L);
        }
    }

    @Test
    void stopFinishesEarlyWithTheFramesCollected() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.command("cam-3", null, CalibrationAction.START, 10);
            for (int i = 0; i < 3; i++) {
                h.pipe(TestCameraFrames.frame("cam-3", "cal-" + i, TestCameraFrames.good(i)));
            }
            h.command("cam-3", null, CalibrationAction.STOP, 0);
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .containsOnly(VerdictStatus.CALIBRATING)
                    .hasSize(3);
            assertThat(h.profiles.readValue().getFrameCount()).isEqualTo(3);
        }
    }

    @Test
    void aProductCalibrationOnlyTakesFramesOfThatProduct() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.command("cam-4", "p1", CalibrationAction.START, 2);
            CameraFrame other = TestCameraFrames.frame("cam-4", "no-product", TestCameraFrames.good(5));
            h.pipe(other);
            for (int i = 0; i < 2; i++) {
                CameraFrame f = TestCameraFrames.frame("cam-4", "p1-" + i, TestCameraFrames.good(i));
                f.setProductId("p1");
                h.pipe(f);
            }
            h.advance(Duration.ofSeconds(2));
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.UNCALIBRATED, VerdictStatus.CALIBRATING, VerdictStatus.CALIBRATING);
            TestRecord<String, ReferenceProfile> snapshot = h.profiles.readRecord();
            assertThat(snapshot.key()).isEqualTo("cam-4/p1");
            assertThat(snapshot.value().getProductId()).isEqualTo("p1");

            CameraFrame p1 = TestCameraFrames.frame("cam-4", "p1-scored", TestCameraFrames.good(0));
            p1.setProductId("p1");
            h.pipe(p1);
            h.pipe(TestCameraFrames.frame("cam-4", "still-no-product", TestCameraFrames.good(0)));
            assertThat(h.verdicts())
                    .extracting(FrameVerdict::getStatus)
                    .containsExactly(VerdictStatus.OK, VerdictStatus.UNCALIBRATED);
        }
    }

    private static void calibrate(PipelineHarness h, String camera, String product, int frames) {
        h.command(camera, product, CalibrationAction.START, frames);
        for (int i = 0; i < frames; i++) {
            h.pipe(TestCameraFrames.frame(camera, "cal-" + i, TestCameraFrames.good(i)));
        }
        h.advance(Duration.ofSeconds(2));
        assertThat(h.verdicts()).hasSize(frames);
    }
}
