package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Valid images with hostile fields: ids and attributes past their bounds are INVALID_FIELD, and a
 * frame whose outputs would not fit their topic is OUTPUT_TOO_LARGE, each as one dead letter that
 * keeps the original bytes, with the stream going on.
 */
class HostileFieldsTest {

    private static final PipelineConfig CONFIG =
            PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1)));

    @Test
    void aFrameIdOfTwoMillionCharsIsInvalidAndItsDeadLetterStaysSmall() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            String huge = "x".repeat(2_000_000);
            h.pipe(TestCameraFrames.frame("cam-1", huge, TestCameraFrames.good(1)));
            h.pipe(TestCameraFrames.frame("cam-1", "next", TestCameraFrames.good(2)));

            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.INVALID_FIELD);
            assertThat(dead.getMessage()).contains("frameId has 2000000 chars").contains(FieldLimits.KEY_MAX_ID_LENGTH);
            assertThat(dead.getFrameId()).hasSizeLessThan(100).startsWith("xxxx");
            assertThat(dead.getMessage()).hasSizeLessThan(DeadLetters.MAX_MESSAGE + 1);
            // over the default dead-letter limit: the first bytes, and the whole value's size and digest
            assertThat(dead.getOriginalTruncated()).isTrue();
            assertThat(dead.getOriginalValue().remaining()).isPositive().isLessThan(1_000_000);
            assertThat(dead.getOriginalValueSize()).isGreaterThan(2_000_000L);
            assertThat(dead.getOriginalValueSha256()).hasSize(64);
            assertThat(h.verdicts()).extracting(FrameVerdict::getFrameId).containsExactly("next");
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void eachIdAndAttributeBoundIsChecked() {
        FieldLimits limits = FieldLimits.defaults();
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.pipe(with(
                    TestCameraFrames.frame("c".repeat(limits.maxIdLength() + 1), "f-1", TestCameraFrames.good(1)),
                    Map.of()));
            CameraFrame longLine = TestCameraFrames.frame("cam-1", "f-2", TestCameraFrames.good(1));
            longLine.setLineId("l".repeat(limits.maxIdLength() + 1));
            h.pipe(longLine);
            CameraFrame longProduct = TestCameraFrames.frame("cam-1", "f-3", TestCameraFrames.good(1));
            longProduct.setProductId("p".repeat(limits.maxIdLength() + 1));
            h.pipe(longProduct);
            Map<String, String> many = new HashMap<>();
            for (int i = 0; i <= limits.maxAttributes(); i++) {
                many.put("k" + i, "v");
            }
            h.pipe(with(TestCameraFrames.frame("cam-1", "f-4", TestCameraFrames.good(1)), many));
            h.pipe(with(
                    TestCameraFrames.frame("cam-1", "f-5", TestCameraFrames.good(1)),
                    Map.of("k".repeat(limits.maxAttributeKeyLength() + 1), "v")));
            h.pipe(with(
                    TestCameraFrames.frame("cam-1", "f-6", TestCameraFrames.good(1)),
                    Map.of("serial", "v".repeat(limits.maxAttributeValueLength() + 1))));
            // at the bounds exactly: accepted
            Map<String, String> atBound = new HashMap<>();
            for (int i = 0; i < limits.maxAttributes() - 1; i++) {
                atBound.put("k" + i, "v");
            }
            atBound.put("k".repeat(limits.maxAttributeKeyLength()), "v".repeat(limits.maxAttributeValueLength()));
            h.pipe(with(
                    TestCameraFrames.frame(
                            "c".repeat(limits.maxIdLength()),
                            "f".repeat(limits.maxIdLength()),
                            TestCameraFrames.good(1)),
                    atBound));

            assertThat(h.deadLetters.readValuesToList())
                    .hasSize(6)
                    .allSatisfy(d -> assertThat(d.getReason()).isEqualTo(RejectReason.INVALID_FIELD))
                    .extracting(RejectedFrame::getMessage)
                    .anySatisfy(m -> assertThat(m).startsWith("cameraId"))
                    .anySatisfy(m -> assertThat(m).startsWith("lineId"))
                    .anySatisfy(m -> assertThat(m).startsWith("productId"))
                    .anySatisfy(m -> assertThat(m).contains(FieldLimits.KEY_MAX_ATTRIBUTES))
                    .anySatisfy(m -> assertThat(m).contains(FieldLimits.KEY_MAX_ATTRIBUTE_KEY_LENGTH))
                    .anySatisfy(m -> assertThat(m).contains(FieldLimits.KEY_MAX_ATTRIBUTE_VALUE_LENGTH));
            assertThat(h.verdicts()).hasSize(1);
        }
    }

    @Test
    void aFrameWhoseOutputsWouldNotFitTheirTopicIsDeadLetteredWholeAndTheStreamGoesOn() {
        // id bounds as loose as a misconfiguration could make them; the outputs' guard still holds
        PipelineConfig loose = CONFIG.withLimits(
                        FrameRecordLimits.defaults().withFields(new FieldLimits(1_000_000, 64, 128, 1024)))
                .withOutputs(new OutputLimits(8192, OutputLimits.defaults().maxDeadLetterBytes()));
        try (PipelineHarness h = new PipelineHarness(loose)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f".repeat(20_000), TestCameraFrames.good(1)));
            h.pipe(TestCameraFrames.frame("cam-1", "next", TestCameraFrames.good(2)));

            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.OUTPUT_TOO_LARGE);
            assertThat(dead.getMessage()).contains("FrameVerdict").contains(OutputLimits.KEY_MAX_RECORD_BYTES);
            assertThat(dead.getOriginalValue().remaining()).isGreaterThan(20_000);
            assertThat(h.verdicts())
                    .as("no part of the big frame's outputs is written")
                    .extracting(FrameVerdict::getFrameId)
                    .containsExactly("next");
            assertThat(h.explanations.readValuesToList()).hasSize(1);
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    private static CameraFrame with(CameraFrame frame, Map<String, String> attributes) {
        frame.setAttributes(new HashMap<>(attributes));
        frame.setImage(ByteBuffer.wrap(bytes(frame.getImage())));
        return frame;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
