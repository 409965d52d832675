package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.serde.WireFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Every dead-letter reason of line.frames: deserialization failures through the KIP-1034 handler,
 * frame validation and decoding failures through the processors. After each, a good frame still
 * gets its verdict: bad input never stops the stream.
 */
class DeadLetterTopologyTest {

    private static final PipelineConfig CONFIG =
            PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1)));
    private static final byte[] KEY = "cam-1".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPayloadWithoutMagicByteIsDeadLetteredWithItsOriginalBytesAndHeaders() {
        try (PipelineHarness h = deserializationHarness()) {
            byte[] json = "{\"cameraId\":\"cam-1\"}".getBytes(StandardCharsets.UTF_8);
            RecordHeaders headers = new RecordHeaders();
            headers.add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
            headers.add("trace-id", "def".getBytes(StandardCharsets.UTF_8));
            byte[] traceparent =
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.US_ASCII);
            headers.add("traceparent", traceparent);
            h.pipeRaw(KEY, json, headers);

            TestRecord<byte[], RejectedFrame> record = h.deadLetters.readRecord();
            assertThat(record.key()).isEqualTo(KEY);
            assertThat(record.headers().lastHeader("traceparent").value())
                    .as("the trace continues")
                    .isEqualTo(traceparent);
            assertThat(record.headers().lastHeader("trace-id"))
                    .as("only the trace context travels")
                    .isNull();
            RejectedFrame dead = record.value();
            assertThat(dead.getReason()).isEqualTo(RejectReason.DESERIALIZATION_FAILED);
            assertThat(dead.getMessage()).contains("magic byte");
            assertThat(bytes(dead.getOriginalKey())).isEqualTo(KEY);
            assertThat(bytes(dead.getOriginalValue())).isEqualTo(json);
            assertThat(dead.getOriginalHeaders()).containsOnlyKeys("trace-id", "traceparent");
            assertThat(bytes(dead.getOriginalHeaders().get("trace-id")))
                    .isEqualTo("def".getBytes(StandardCharsets.UTF_8));
            assertThat(dead.getCameraId()).isEqualTo("cam-1");
            assertThat(dead.getSource().getTopic()).isEqualTo(Topics.FRAMES);
            assertThat(dead.getSource().getOffset()).isZero();
            assertThat(dead.getOriginalTimestamp()).isEqualTo(record.getRecordTime());
            assertThat(dead.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
            assertStillRunning(h, 1);
        }
    }

    @Test
    void anUnknownSchemaIdIsUnknownSchema() {
        try (PipelineHarness h = deserializationHarness()) {
            h.pipeRaw(KEY, WireFormat.encode(4242, new byte[] {2, 'x'}), new RecordHeaders());
            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.UNKNOWN_SCHEMA);
            assertThat(dead.getMessage()).contains("4242");
            assertStillRunning(h, 1);
        }
    }

    @Test
    void aTruncatedPayloadAndAnotherRecordTypeFailDeserialization() {
        try (PipelineHarness h = deserializationHarness()) {
            h.pipeRaw(KEY, new byte[] {0, 0, 0}, new RecordHeaders());
            assertThat(h.deadLetters.readValue().getReason()).isEqualTo(RejectReason.DESERIALIZATION_FAILED);

            byte[] verdict = h.topics.verdicts().valueSerde().serializer().serialize(Topics.VERDICTS, sampleVerdict());
            h.pipeRaw(KEY, verdict, new RecordHeaders());
            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.DESERIALIZATION_FAILED);
            assertThat(dead.getMessage()).contains("FrameVerdict");
            assertThat(bytes(dead.getOriginalValue())).isEqualTo(verdict);
            assertStillRunning(h, 2);
        }
    }

    @Test
    void aRegistryOutageFailsTheTaskInsteadOfDeadLetteringTheFrame() throws IOException {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            // a writer schema the deserializer has not seen, so it must ask the registry
            Schema variant = withExtraField(CameraFrame.getClassSchema());
            int id = h.registry.register(Topics.FRAMES + "-value", variant.toString());
            byte[] payload = WireFormat.encode(id, genericFrame(variant));
            h.registry.setAvailable(false);

            assertThatThrownBy(() -> h.pipeRaw(KEY, payload, new RecordHeaders()))
                    .isInstanceOf(StreamsException.class);
            assertThat(h.deadLetters.isEmpty()).isTrue();
            assertThat(h.verdicts.isEmpty()).isTrue();
        }
    }

    @Test
    void missingFieldsAndTombstones() {
        try (PipelineHarness h = deserializationHarness()) {
            h.pipe(TestCameraFrames.frame("cam-1", "", TestCameraFrames.good(1)));
            RejectedFrame dead = h.deadLetters.readValue();
            assertThat(dead.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(dead.getMessage()).contains("frameId");
            assertThat(dead.getCameraId()).isEqualTo("cam-1");
            assertThat(dead.getModel().getName()).isEqualTo("tiny-test");

            h.pipeRaw(KEY, null, new RecordHeaders());
            RejectedFrame tombstone = h.deadLetters.readValue();
            assertThat(tombstone.getReason()).isEqualTo(RejectReason.MISSING_FIELD);
            assertThat(tombstone.getOriginalValue()).isNull();
            assertThat(tombstone.getSource().getOffset()).isEqualTo(1);
            assertStillRunning(h, 2);
        }
    }

    @Test
    void unsupportedEncodings() {
        PipelineConfig pngOnly =
                CONFIG.withLimits(new FrameRecordLimits(1 << 20, 1 << 20, EnumSet.of(ImageEncoding.PNG)));
        try (PipelineHarness h = new PipelineHarness(pngOnly)) {
            BufferedImage image = TestCameraFrames.good(1);
            h.pipe(TestCameraFrames.frame(
                    "cam-1", "unknown", ImageEncoding.UNKNOWN, 64, 64, TestCameraFrames.png(image)));
            h.pipe(TestCameraFrames.frame("cam-1", "jpeg", ImageEncoding.JPEG, 64, 64, TestCameraFrames.jpeg(image)));
            assertThat(h.deadLetters.readValuesToList())
                    .extracting(RejectedFrame::getReason)
                    .containsExactly(RejectReason.UNSUPPORTED_ENCODING, RejectReason.UNSUPPORTED_ENCODING);
            assertStillRunning(h, 2);
        }
    }

    @Test
    void corruptTruncatedMismatchedAndOversizedImages() {
        PipelineConfig limits = CONFIG.withLimits(
                new FrameRecordLimits(20_000, 64 * 64 * 4, EnumSet.complementOf(EnumSet.of(ImageEncoding.UNKNOWN))));
        try (PipelineHarness h = new PipelineHarness(limits)) {
            byte[] png = TestCameraFrames.png(TestCameraFrames.good(1));
            byte[] jpeg = TestCameraFrames.jpeg(TestCameraFrames.good(1));
            h.pipe(TestCameraFrames.frame("cam-1", "corrupt", ImageEncoding.PNG, 64, 64, corruptPng(png)));
            h.pipe(TestCameraFrames.frame("cam-1", "not-png", ImageEncoding.PNG, 64, 64, jpeg));
            h.pipe(TestCameraFrames.frame(
                    "cam-1", "cut-png", ImageEncoding.PNG, 64, 64, Arrays.copyOf(png, png.length / 2)));
            h.pipe(TestCameraFrames.frame(
                    "cam-1", "cut-jpeg", ImageEncoding.JPEG, 64, 64, Arrays.copyOf(jpeg, jpeg.length * 2 / 3)));
            h.pipe(TestCameraFrames.frame(
                    "cam-1", "short-rgb8", ImageEncoding.RGB8, 64, 64, new byte[64 * 64 * 3 - 1]));
            h.pipe(TestCameraFrames.frame("cam-1", "mismatch", ImageEncoding.PNG, 32, 64, png));
            h.pipe(TestCameraFrames.frame("cam-1", "long-gray8", ImageEncoding.GRAY8, 32, 32, new byte[64 * 64]));
            h.pipe(TestCameraFrames.frame("cam-1", "huge", ImageEncoding.PNG, 1000, 1000, png));
            h.pipe(TestCameraFrames.frame("cam-1", "heavy", ImageEncoding.GRAY8, 64, 64, new byte[20_001]));
            h.pipe(TestCameraFrames.frame(
                    "cam-1",
                    "bomb",
                    ImageEncoding.PNG,
                    64,
                    64,
                    TestCameraFrames.png(new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_GRAY))));
            assertThat(h.deadLetters.readValuesToList())
                    .extracting(RejectedFrame::getFrameId, RejectedFrame::getReason)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("corrupt", RejectReason.IMAGE_CORRUPT),
                            org.assertj.core.groups.Tuple.tuple("not-png", RejectReason.IMAGE_CORRUPT),
                            org.assertj.core.groups.Tuple.tuple("cut-png", RejectReason.IMAGE_TRUNCATED),
                            org.assertj.core.groups.Tuple.tuple("cut-jpeg", RejectReason.IMAGE_TRUNCATED),
                            org.assertj.core.groups.Tuple.tuple("short-rgb8", RejectReason.IMAGE_TRUNCATED),
                            org.assertj.core.groups.Tuple.tuple("mismatch", RejectReason.DIMENSION_MISMATCH),
                            org.assertj.core.groups.Tuple.tuple("long-gray8", RejectReason.DIMENSION_MISMATCH),
                            org.assertj.core.groups.Tuple.tuple("huge", RejectReason.IMAGE_TOO_LARGE),
                            org.assertj.core.groups.Tuple.tuple("heavy", RejectReason.IMAGE_TOO_LARGE),
                            org.assertj.core.groups.Tuple.tuple("bomb", RejectReason.DECOMPRESSION_BOMB));
            assertThat(h.verdicts.isEmpty()).isTrue();
            assertStillRunning(h, 10);
        }
    }

    @Test
    void rawAndJpegFramesAreAccepted() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.pipe(TestCameraFrames.frame("cam-1", "gray", ImageEncoding.GRAY8, 64, 48, new byte[64 * 48]));
            h.pipe(TestCameraFrames.frame("cam-1", "rgb", ImageEncoding.RGB8, 80, 64, new byte[80 * 64 * 3]));
            h.pipe(TestCameraFrames.frame(
                    "cam-1", "jpeg", ImageEncoding.JPEG, 64, 64, TestCameraFrames.jpeg(TestCameraFrames.good(2))));
            assertThat(h.verdicts()).extracting(FrameVerdict::getFrameId).containsExactly("gray", "rgb", "jpeg");
            assertThat(h.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void anUnexpectedFailureInValidationIsDeadLetteredByTheProcessingHandler() {
        FrameDecoding buggy = frame -> {
            if (frame.getFrameId().equals("crash")) {
                throw new IllegalStateException("decoder bug");
            }
            return FrameDecoding.standard(FrameRecordLimits.defaults()).decode(frame);
        };
        try (PipelineHarness h =
                new PipelineHarness(CONFIG, ModelStep.of(TestModels.inspector()), buggy, java.util.Map.of())) {
            h.pipe(TestCameraFrames.frame("cam-1", "crash", TestCameraFrames.good(1)));
            TestRecord<byte[], RejectedFrame> record = h.deadLetters.readRecord();
            assertThat(record.key()).isEqualTo(KEY);
            assertThat(record.value().getReason()).isEqualTo(RejectReason.PROCESSING_FAILED);
            assertThat(record.value().getMessage())
                    .contains(NodeNames.FRAMES_VALIDATE)
                    .contains("decoder bug");
            assertThat(record.value().getOriginalValue()).isNotNull();
            assertStillRunning(h, 1);
        }
    }

    @Test
    void invalidCalibrationCommandsAreDeadLettered() {
        try (PipelineHarness h = new PipelineHarness(CONFIG)) {
            h.command("cam-1", null, CalibrationAction.START, 1);
            h.command("cam-1", null, CalibrationAction.UNKNOWN, 0);
            assertThat(h.deadLetters.readValuesToList())
                    .extracting(RejectedFrame::getReason)
                    .containsExactly(RejectReason.INVALID_FIELD, RejectReason.MISSING_FIELD);
            assertStillRunning(h, 0);
        }
    }

    /** at_least_once: see {@link PipelineHarness#atLeastOnce()} for why. */
    private static PipelineHarness deserializationHarness() {
        return new PipelineHarness(CONFIG, ModelStep.of(TestModels.inspector()), PipelineHarness.atLeastOnce());
    }

    private static void assertStillRunning(PipelineHarness h, long expectedOffset) {
        h.pipe(TestCameraFrames.frame("cam-1", "good-after", TestCameraFrames.good(3)));
        FrameVerdict verdict = h.verdicts.readValue();
        assertThat(verdict.getFrameId()).isEqualTo("good-after");
        assertThat(verdict.getStatus()).isEqualTo(VerdictStatus.UNCALIBRATED);
        assertThat(verdict.getSource().getOffset()).isEqualTo(expectedOffset);
        assertThat(h.deadLetters.isEmpty()).isTrue();
    }

    private static byte[] corruptPng(byte[] png) {
        // signature, then garbage instead of the IHDR chunk, then the original tail with IEND
        byte[] out = png.clone();
        for (int i = 8; i < 40; i++) {
            out[i] = (byte) (i * 37);
        }
        return out;
    }

    private static Schema withExtraField(Schema schema) {
        String json = schema.toString()
                .replaceFirst(
                        "\"fields\":\\[", "\"fields\":[{\"name\":\"extra\",\"type\":\"string\",\"default\":\"\"},");
        return new Schema.Parser().parse(json);
    }

    private static byte[] genericFrame(Schema schema) throws IOException {
        CameraFrame f = TestCameraFrames.frame("cam-1", "variant", TestCameraFrames.good(1));
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field field : CameraFrame.getClassSchema().getFields()) {
            Object v = f.get(field.name());
            if (v instanceof java.time.Instant t) {
                v = t.toEpochMilli();
            } else if (v instanceof Enum<?> e) {
                v = new GenericData.EnumSymbol(schema.getField(field.name()).schema(), e.name());
            }
            r.put(field.name(), v);
        }
        r.put("extra", "x");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static FrameVerdict sampleVerdict() {
        return FrameVerdict.newBuilder()
                .setCameraId("cam-1")
                .setLineId("l")
                .setFrameId("f")
                .setProductId(null)
                .setCaptureTimestamp(java.time.Instant.EPOCH)
                .setProcessedTimestamp(java.time.Instant.EPOCH)
                .setStatus(VerdictStatus.OK)
                .setFrameScore(0)
                .setThreshold(null)
                .setRegionCount(0)
                .setConceptCount(1)
                .setSource(new io.ultraline.avro.SourceRef("t", 0, 0L))
                .setModel(new io.ultraline.avro.ModelStamp("m", "1", "0".repeat(64)))
                .setProfileVersion(null)
                .setPipelineVersion("x")
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }
}
