package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.control.ExplainCommands;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.align.ConceptFeatures;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * The camera's token transform W (issue 19) in the service: a calibration learns it and publishes it
 * in the profile (unless calibration.concept-transform is none), and the second stage, explain
 * on demand, and mode all's one pass, give each camera's frames maps and concepts through its own W,
 * in one batch with a camera that has none (whose frames keep the plain maps). A calibration also
 * learns the camera's concept prototypes (issue 19, part 4), by which explanations name concepts.
 */
class ConceptTransformTest {

    private static final ExplainConfig EVERY_FRAME = new ExplainConfig(ExplanationsMode.SAMPLED, 1, 8, "anomalous", 0);
    private static final PipelineConfig CONFIG = PipelineConfig.defaults()
            .withBatch(BatchConfig.of(2, Duration.ofSeconds(1)))
            .withExplain(EVERY_FRAME);

    @Test
    void eachCameraOfABatchIsExplainedThroughItsOwnProfilesTransform() {
        try (PipelineHarness h = new PipelineHarness(CONFIG, ModelStep.of(TestModels.inspector()), Map.of())) {
            ReferenceProfile calibrated = calibrate(h, "cam-w");
            io.ultraline.defect.ReferenceProfile learned = ProfileCodec.decode(bytes(calibrated.getBank()));
            TokenTransform w = learned.transform();
            assertThat(w).as("the calibration learned the camera's W").isNotNull();
            // the same bank and threshold without W: the cameras differ in W alone
            push(h, "cam-plain", ProfileCodec.encode(learned.withTransform(null)), calibrated);
            assertThat(ProfileCodec.decode(bytes(h.profiles.readValue().getBank()))
                            .transform())
                    .isNull();

            BufferedImage image = TestCameraFrames.good(5);
            h.pipe(TestCameraFrames.frame("cam-w", "f-w", image));
            h.pipe(TestCameraFrames.frame("cam-plain", "f-plain", image));
            assertThat(h.verdicts()).extracting(FrameVerdict::getProfileVersion).containsOnly(1L);
            Map<String, FrameExplanation> byCamera = h.explanations.readValuesToList().stream()
                    .collect(Collectors.toMap(FrameExplanation::getCameraId, Function.identity()));

            FrameExplanation withW = byCamera.get("cam-w");
            FrameExplanation plain = byCamera.get("cam-plain");
            assertThat(withW.getTokenLabels()).isEqualTo(expectedLabels(image, withW.getTargets(), w));
            assertThat(plain.getTokenLabels()).isEqualTo(expectedLabels(image, plain.getTargets(), null));
            assertThat(withW.getConceptHeatmaps())
                    .as("the same frame and profile, maps through W")
                    .isNotEqualTo(plain.getConceptHeatmaps());

            // explain on demand: the camera's W as well
            CameraFrame again = TestCameraFrames.frame("cam-w", "f-w", image);
            send(h, ExplainCommands.explain(again, withW.getSource(), "test", Instant.ofEpochMilli(9_000)));
            FrameExplanation onDemand = h.explanations.readValue();
            assertThat(onDemand.getReason()).isEqualTo("ON_DEMAND");
            assertThat(onDemand.getTokenLabels()).isEqualTo(expectedLabels(image, onDemand.getTargets(), w));
            assertThat(onDemand.getConceptHeatmaps()).isEqualTo(withW.getConceptHeatmaps());
        }
    }

    @Test
    void inModeAllEachCameraOfABatchIsExplainedThroughItsOwnProfilesTransform() {
        PipelineConfig all = PipelineConfig.defaults().withBatch(BatchConfig.of(3, Duration.ofSeconds(1)));
        RecordingModelStep model = new RecordingModelStep();
        try (PipelineHarness h = new PipelineHarness(all, model, Map.of())) {
            ReferenceProfile calibrated = calibrate(h, "cam-w");
            io.ultraline.defect.ReferenceProfile learned = ProfileCodec.decode(bytes(calibrated.getBank()));
            TokenTransform w = learned.transform();
            assertThat(w).as("the calibration learned the camera's W").isNotNull();
            push(h, "cam-plain", ProfileCodec.encode(learned.withTransform(null)), calibrated);
            h.profiles.readValuesToList();

            // one batch: a profile with W, the same profile without, and no profile at all
            BufferedImage image = TestCameraFrames.good(5);
            h.pipe(TestCameraFrames.frame("cam-w", "f-w", image));
            h.pipe(TestCameraFrames.frame("cam-plain", "f-plain", image));
            h.pipe(TestCameraFrames.frame("cam-new", "f-new", image));
            List<List<TokenTransform>> calls = model.inspectTransforms();
            List<TokenTransform> batch = calls.get(calls.size() - 1);
            assertThat(batch).as("the batch's one call carries each frame's W").hasSize(3);
            assertThat(TokenTransform.same(batch.get(0), w)).isTrue();
            assertThat(batch.subList(1, 3)).containsOnlyNulls();
            assertThat(model.explainSizes()).as("no frame explained again").isEmpty();
            assertThat(h.verdicts()).extracting(FrameVerdict::getProfileVersion).containsExactly(1L, 1L, null);
            Map<String, FrameExplanation> byCamera = h.explanations.readValuesToList().stream()
                    .collect(Collectors.toMap(FrameExplanation::getCameraId, Function.identity()));

            FrameExplanation withW = byCamera.get("cam-w");
            assertThat(withW.getTokenLabels()).isEqualTo(expectedLabels(image, withW.getTargets(), w));
            for (String camera : List.of("cam-plain", "cam-new")) {
                FrameExplanation plain = byCamera.get(camera);
                assertThat(plain.getTokenLabels())
                        .as(camera + " keeps the plain maps")
                        .isEqualTo(expectedLabels(image, plain.getTargets(), null));
                assertThat(withW.getConceptHeatmaps()).isNotEqualTo(plain.getConceptHeatmaps());
            }
        }
    }

    @Test
    void inModeAllAFrameScoredAgainstAProfileItsBatchCompletedGetsTheNewTransform() {
        PipelineConfig all = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(5, Duration.ofSeconds(1)))
                .withCalibration(new CalibrationDefaults(50, 500, Duration.ofSeconds(5)));
        try (PipelineHarness h = new PipelineHarness(all, ModelStep.of(TestModels.inspector()), Map.of())) {
            h.command("cam-w", null, CalibrationAction.START, 4);
            for (int i = 0; i < 4; i++) {
                h.pipe(TestCameraFrames.frame("cam-w", "cal-" + i, TestCameraFrames.good(i)));
            }
            // the fifth frame flushes the batch: the camera was calibrating as its model call ran
            BufferedImage image = TestCameraFrames.good(5);
            h.pipe(TestCameraFrames.frame("cam-w", "f-after", image));
            FrameVerdict after = h.verdicts().get(4);
            assumeTrue(after.getProfileVersion() != null, "the build finished within its inline wait");
            TokenTransform w =
                    ProfileCodec.decode(bytes(h.profiles.readValue().getBank())).transform();
            assertThat(w).isNotNull();
            FrameExplanation explained = h.explanations.readValuesToList().get(4);
            assertThat(explained.getFrameId()).isEqualTo("f-after");
            assertThat(explained.getTokenLabels())
                    .as("maps through the W of the profile the frame is scored against")
                    .isEqualTo(expectedLabels(image, explained.getTargets(), w));
        }
    }

    @Test
    void withConceptTransformNoneACalibrationPublishesAProfileWithoutTransform() {
        PipelineConfig none =
                CONFIG.withCalibration(CalibrationDefaults.defaults().withConceptTransform(TransformChoice.NONE));
        try (PipelineHarness h = new PipelineHarness(none, ModelStep.of(TestModels.inspector()), Map.of())) {
            ReferenceProfile calibrated = calibrate(h, "cam-1");
            assertThat(ProfileCodec.decode(bytes(calibrated.getBank())).transform())
                    .isNull();
        }
    }

    @Test
    void theSettingTakesNoneOrProfileAndNothingElse() {
        assertThat(PipelineConfig.parse(Map.of(CalibrationDefaults.KEY_CONCEPT_TRANSFORM, "none"))
                        .calibration()
                        .conceptTransform())
                .isEqualTo(TransformChoice.NONE);
        assertThat(PipelineConfig.defaults().calibration().conceptTransform()).isEqualTo(TransformChoice.PROFILE);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PipelineConfig.parse(Map.of(CalibrationDefaults.KEY_CONCEPT_TRANSFORM, "model")))
                .hasMessageContaining("calibration.concept-transform must be none or profile");
    }

    @Test
    void aCalibrationLearnsConceptPrototypesAndExplanationsNameConceptsByThem() {
        try (PipelineHarness h = new PipelineHarness(CONFIG, ModelStep.of(TestModels.inspector()), Map.of())) {
            ReferenceProfile calibrated = calibrate(h, "cam-ids");
            io.ultraline.defect.ReferenceProfile learned = ProfileCodec.decode(bytes(calibrated.getBank()));
            ConceptPrototypes prototypes = learned.conceptPrototypes();
            assertThat(prototypes)
                    .as("the calibration learned the camera's concepts")
                    .isNotNull();
            assertThat(prototypes.count()).isPositive();
            push(h, "cam-none", ProfileCodec.encode(learned.withConceptPrototypes(null)), calibrated);
            h.profiles.readValuesToList();

            for (int i = 0; i < 4; i++) { // the calibration frames again, two batches
                h.pipe(TestCameraFrames.frame("cam-ids", "f-" + i, TestCameraFrames.good(i)));
            }
            List<FrameExplanation> again = h.explanations.readValuesToList();
            assertThat(again).hasSize(4);
            for (int i = 0; i < 4; i++) {
                BufferedImage image = TestCameraFrames.good(i);
                FrameExplanation e = again.get(i);
                assertThat(e.getConceptIds())
                        .as("frame %d: one camera id a concept label", i)
                        .hasSize(e.getConceptCount())
                        .isEqualTo(expectedIds(image, e.getTargets(), learned));
                assertThat(e.getConceptIds())
                        .as("a frame the prototypes were learned from shows a known concept")
                        .anySatisfy(id -> assertThat(id).isBetween(0, prototypes.count() - 1));
            }
            // a profile without prototypes, and a camera without a profile: the segmenter's labels only
            h.pipe(TestCameraFrames.frame("cam-none", "f-none", TestCameraFrames.good(5)));
            h.pipe(TestCameraFrames.frame("cam-new", "f-new", TestCameraFrames.good(5)));
            assertThat(h.explanations.readValuesToList())
                    .extracting(FrameExplanation::getConceptIds)
                    .containsOnlyNulls()
                    .hasSize(2);

            // explain on demand names them too
            BufferedImage image = TestCameraFrames.good(5);
            CameraFrame frame = TestCameraFrames.frame("cam-ids", "f-5", image);
            h.pipe(frame);
            h.pipe(TestCameraFrames.frame("cam-ids", "f-6", TestCameraFrames.good(6)));
            FrameExplanation selected = h.explanations.readValuesToList().get(0);
            send(h, ExplainCommands.explain(frame, selected.getSource(), "test", Instant.ofEpochMilli(9_000)));
            FrameExplanation onDemand = h.explanations.readValue();
            assertThat(onDemand.getConceptIds())
                    .isNotNull()
                    .isEqualTo(expectedIds(image, onDemand.getTargets(), learned));
        }
    }

    /** The camera ids of the frame's concepts as the profile's prototypes name them, -1 for none. */
    private static List<Integer> expectedIds(
            BufferedImage image, List<Integer> targets, io.ultraline.defect.ReferenceProfile profile) {
        InspectedFrame explained = explained(image, targets, profile.transform());
        ConceptPrototypes prototypes = profile.conceptPrototypes();
        int[] ids = ConceptAlignment.ids(
                ConceptFeatures.of(
                        explained.segmentation().labels(),
                        explained.modelOutput().tokens(),
                        explained.modelOutput().dim()),
                prototypes);
        return Arrays.stream(ids)
                .map(id -> id < prototypes.count() ? id : -1)
                .boxed()
                .toList();
    }

    /** The concept labels of the frame's maps of these targets through W, as the model step gives them. */
    private static List<Integer> expectedLabels(BufferedImage image, List<Integer> targets, TokenTransform w) {
        return Arrays.stream(explained(image, targets, w).segmentation().labels())
                .boxed()
                .toList();
    }

    /** The frame with its maps of these targets through W, as the model step gives them. */
    private static InspectedFrame explained(BufferedImage image, List<Integer> targets, TokenTransform w) {
        ModelStep step = ModelStep.of(TestModels.inspector());
        // the test frames are 64 px, the tiny model's input size: the model sees the image as it is
        InspectedFrame scanned = step.scan(List.of(RgbImage.of(image))).get(0);
        int[] chosen = targets == null
                ? null
                : targets.stream().mapToInt(Integer::intValue).toArray();
        return step.explain(List.of(scanned), Arrays.asList(new int[][] {chosen}), Arrays.asList(w))
                .get(0);
    }

    /** START on four good frames (two batches) and the profile snapshot it publishes. */
    private static ReferenceProfile calibrate(PipelineHarness h, String camera) {
        h.command(camera, null, CalibrationAction.START, 4);
        for (int i = 0; i < 4; i++) {
            h.pipe(TestCameraFrames.frame(camera, "cal-" + i, TestCameraFrames.good(i)));
        }
        // on a busy machine the build outlasts its inline wait and lands at a later punctuation
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            h.advance(Duration.ofMillis(100));
            return !h.profiles.isEmpty();
        });
        h.verdicts();
        h.explanations.readValuesToList();
        return h.profiles.readValue();
    }

    private static void push(PipelineHarness h, String camera, byte[] profile, ReferenceProfile like) {
        send(
                h,
                CalibrationCommand.newBuilder()
                        .setCommandId("push-" + camera)
                        .setCameraId(camera)
                        .setAction(CalibrationAction.PUSH)
                        .setProfile(ByteBuffer.wrap(profile))
                        .setModelDigest(like.getModel().getDigest())
                        .setTimestamp(Instant.ofEpochMilli(1))
                        .build());
    }

    private static void send(PipelineHarness h, CalibrationCommand command) {
        h.calibration.pipeInput(new TestRecord<>(command.getCameraId(), command, Instant.ofEpochMilli(20_000)));
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
