package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.serde.WireFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every hostile input of the hardening issue through the real pipeline (embedded KRaft broker,
 * Apicurio registry, the tiny model, exactly_once_v2), and CMYK and YCCK JPEGs, which are good
 * frames: each input offset ends as exactly one verdict
 * or one dead letter with its typed reason, the client never leaves RUNNING and no stream thread
 * dies, and a good frame sent last gets its verdict. Then the crash loop of the issue: a poison
 * frame already sitting in the batch buffer when the pipeline restarts ends as one dead letter.
 */
class HostileInputIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** line.frames and its dead-letter topic accept 8 MiB records, as k8s/ configures them. */
    private static final int FRAMES_BYTES = 8 << 20;
    /** What k8s/ gives line.frames.dlq: 8 MiB plus 16 KiB. */
    private static final int K8S_DEAD_LETTER_BYTES = 8_404_992;

    private final KafkaCluster kafka = TestKafka.shared();
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final String prefix = "hostile-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(prefix);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private long capture = 1_700_000_000_000L;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void everyHostileInputEndsAsOneOutcomeAndTheClientStaysRunning() throws Exception {
        createTopics(K8S_DEAD_LETTER_BYTES);
        RunningPipeline pipeline = pipeline(PipelineConfig.defaults()
                .withBatch(BatchConfig.of(4, Duration.ofMillis(200)))
                .withOutputs(new OutputLimits(OutputLimits.defaults().maxRecordBytes(), K8S_DEAD_LETTER_BYTES)));
        KafkaProducer<String, CameraFrame> frames = framesProducer();
        KafkaProducer<byte[], byte[]> raw = rawProducer();

        // input offset -> the outcomes it may have: a verdict (null) or one of these dead-letter reasons
        Map<Long, Set<RejectReason>> expected = new LinkedHashMap<>();
        expected.put(send(frames, TestCameraFrames.frame("cam-1", "first", TestCameraFrames.good(1))), verdict());
        expected.put(
                send(frames, TestCameraFrames.frame("cam-1", "x".repeat(2_000_000), TestCameraFrames.good(2))),
                Set.of(RejectReason.INVALID_FIELD));
        CameraFrame attributes = TestCameraFrames.frame("cam-1", "attributes", TestCameraFrames.good(3));
        attributes.setAttributes(Map.of("serial", "s".repeat(100_000)));
        expected.put(send(frames, attributes), Set.of(RejectReason.INVALID_FIELD));
        byte[] png = TestCameraFrames.png(TestCameraFrames.good(4));
        expected.put(
                send(
                        frames,
                        TestCameraFrames.frame(
                                "cam-2", "truncated", ImageEncoding.PNG, 64, 64, Arrays.copyOf(png, png.length / 2))),
                Set.of(RejectReason.IMAGE_TRUNCATED, RejectReason.IMAGE_CORRUPT));
        byte[] corrupt = png.clone();
        for (int i = 60; i < corrupt.length - 20; i += 7) {
            corrupt[i] ^= 0x5a;
        }
        expected.put(
                send(frames, TestCameraFrames.frame("cam-2", "corrupt", ImageEncoding.PNG, 64, 64, corrupt)),
                Set.of(RejectReason.IMAGE_CORRUPT, RejectReason.IMAGE_TRUNCATED));
        expected.put(
                send(frames, TestCameraFrames.frame("cam-2", "bomb", ImageEncoding.PNG, 64, 64, pngClaiming(46_000))),
                Set.of(RejectReason.DECOMPRESSION_BOMB, RejectReason.IMAGE_TOO_LARGE));
        expected.put(
                send(frames, TestCameraFrames.frame("cam-2", "dimensions", ImageEncoding.PNG, 100, 100, png)),
                Set.of(RejectReason.DIMENSION_MISMATCH));
        expected.put(
                send(frames, TestCameraFrames.frame("cam-3", "png-as-jpeg", ImageEncoding.JPEG, 64, 64, png)),
                Set.of(RejectReason.UNSUPPORTED_ENCODING, RejectReason.IMAGE_CORRUPT));
        // within the stream's limits, but an extreme aspect ratio (the overlay's canvas budget case)
        expected.put(
                send(
                        frames,
                        TestCameraFrames.frame(
                                "cam-3", "strip", ImageEncoding.RGB8, 16_384, 2, new byte[16_384 * 2 * 3])),
                verdict());
        for (String cmyk : List.of("cmyk-adobe.jpg", "ycck-adobe.jpg")) {
            // print-inspection cameras write 4-component JPEGs: they are frames, not bad input
            expected.put(
                    send(
                            frames,
                            TestCameraFrames.frame(
                                    "cam-3", cmyk, ImageEncoding.JPEG, 48, 32, resource("/frames/cmyk/" + cmyk))),
                    verdict());
        }
        expected.put(
                sendRaw(raw, WireFormat.encode(987_654, new byte[] {2, 'x'})), Set.of(RejectReason.UNKNOWN_SCHEMA));
        expected.put(
                sendRaw(raw, "{\"cameraId\":\"cam-3\"}".getBytes(StandardCharsets.UTF_8)),
                Set.of(RejectReason.DESERIALIZATION_FAILED));
        expected.put(sendRaw(raw, null), Set.of(RejectReason.MISSING_FIELD));
        long last = send(frames, TestCameraFrames.frame("cam-3", "last", TestCameraFrames.good(5)));
        expected.put(last, verdict());

        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> CommittedOutcomes.read(kafka, topics, 1).size() >= expected.size());
        Map<String, RejectedFrame> deadLetters = new HashMap<>();
        for (ConsumerRecord<byte[], RejectedFrame> r : CommittedOutcomes.readAll(kafka, topics.deadLetters(), 1)) {
            deadLetters.put("0@" + r.value().getSource().getOffset(), r.value());
        }
        CommittedOutcomes outcomes = CommittedOutcomes.read(kafka, topics, 1);
        assertThat(outcomes.all())
                .as("exactly one outcome per input offset")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        expected.keySet().stream().map(o -> "0@" + o).toList());
        expected.forEach((offset, reasons) -> {
            String where = "0@" + offset;
            if (reasons.isEmpty()) {
                assertThat(outcomes.verdicts()).as("a verdict for %s", where).contains(where);
            } else {
                assertThat(deadLetters).as("a dead letter for %s", where).containsKey(where);
                RejectedFrame d = deadLetters.get(where);
                assertThat(d.getReason())
                        .as("the reason of %s (%s)", where, d.getMessage())
                        .isIn(reasons);
                assertThat(d.getMessage()).isNotBlank();
            }
        });
        RejectedFrame poison = deadLetters.get("0@1");
        assertThat(poison.getOriginalValueSize()).isGreaterThan(2_000_000L);
        assertThat(poison.getOriginalValue().remaining())
                .as("kept whole: it fits the dead-letter topic")
                .isEqualTo(poison.getOriginalValueSize().intValue());
        assertThat(pipeline.threadDeaths()).isEmpty();
        assertThat(pipeline.states()).doesNotContain("ERROR", "PENDING_ERROR", "PENDING_SHUTDOWN");
        assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    @Test
    void aPoisonFrameInTheBatchBufferAtRestartEndsAsOneDeadLetter() throws Exception {
        createTopics(OutputLimits.defaults().maxDeadLetterBytes());
        String applicationId = prefix + "ultraline";
        // an older build without id bounds buffered the poison frame; its batch never flushed
        PipelineConfig older = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(8, Duration.ofMinutes(10)))
                .withLimits(FrameRecordLimits.defaults().withFields(new FieldLimits(4_000_000, 64, 128, 1024)));
        RunningPipeline before = pipeline(older);
        KafkaProducer<String, CameraFrame> frames = framesProducer();
        long poison = send(frames, TestCameraFrames.frame("cam-1", "y".repeat(2_000_000), TestCameraFrames.good(1)));
        await().atMost(TIMEOUT).until(() -> committedOffset(applicationId) > poison);
        assertThat(CommittedOutcomes.read(kafka, topics, 1).size())
                .as("still buffered")
                .isZero();
        before.close();
        toClose.remove(before);

        RunningPipeline after =
                pipeline(PipelineConfig.defaults().withBatch(BatchConfig.of(8, Duration.ofMillis(200))));
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> CommittedOutcomes.read(kafka, topics, 1).size() >= 1);
        long good = send(frames, TestCameraFrames.frame("cam-1", "after-restart", TestCameraFrames.good(2)));
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> CommittedOutcomes.read(kafka, topics, 1).size() >= 2);

        CommittedOutcomes outcomes = CommittedOutcomes.read(kafka, topics, 1);
        assertThat(outcomes.deadLetters()).containsExactly("0@" + poison);
        assertThat(outcomes.verdicts()).containsExactly("0@" + good);
        RejectedFrame dead =
                CommittedOutcomes.readAll(kafka, topics.deadLetters(), 1).get(0).value();
        assertThat(dead.getReason()).isEqualTo(RejectReason.INVALID_FIELD);
        assertThat(dead.getOriginalValueSize()).isGreaterThan(2_000_000L);
        assertThat(dead.getOriginalTruncated())
                .as("over the default 1,000,000-byte dead letter")
                .isTrue();
        assertThat(dead.getOriginalValue().remaining()).isPositive().isLessThan(1_000_000);
        assertThat(dead.getOriginalValueSha256()).hasSize(64);
        assertThat(after.threadDeaths()).isEmpty();
        assertThat(after.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private static byte[] resource(String name) throws Exception {
        try (var in = HostileInputIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    private static Set<RejectReason> verdict() {
        return Set.of();
    }

    private void createTopics(int deadLetterBytes) {
        List<NewTopic> all = new ArrayList<>();
        for (String name : topics.names()) {
            NewTopic topic = new NewTopic(name, Optional.of(1), Optional.empty());
            if (name.equals(topics.frames().name())) {
                topic.configs(Map.of("max.message.bytes", Integer.toString(FRAMES_BYTES)));
            } else if (name.equals(topics.deadLetters().name())) {
                topic.configs(Map.of("max.message.bytes", Integer.toString(deadLetterBytes)));
            }
            all.add(topic);
        }
        kafka.createTopics(all);
    }

    private RunningPipeline pipeline(PipelineConfig config) {
        RunningPipeline p = new RunningPipeline(kafka, registryUrl, topics, prefix + "ultraline", config, Map.of());
        toClose.add(p);
        return p.start(TIMEOUT);
    }

    private KafkaProducer<String, CameraFrame> framesProducer() {
        KafkaProducer<String, CameraFrame> p = new KafkaProducer<>(
                producerConfig(),
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer());
        toClose.add(p);
        return p;
    }

    private KafkaProducer<byte[], byte[]> rawProducer() {
        KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        toClose.add(p);
        return p;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, FRAMES_BYTES);
        return config;
    }

    private long send(KafkaProducer<String, CameraFrame> producer, CameraFrame frame) throws Exception {
        capture += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        return producer.send(new ProducerRecord<>(topics.frames().name(), 0, capture, frame.getCameraId(), frame))
                .get()
                .offset();
    }

    private long sendRaw(KafkaProducer<byte[], byte[]> producer, byte[] value) throws Exception {
        capture += 1000;
        return producer.send(new ProducerRecord<>(
                        topics.frames().name(), 0, capture, "cam-3".getBytes(StandardCharsets.UTF_8), value))
                .get()
                .offset();
    }

    private long committedOffset(String groupId) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(new TopicPartition(topics.frames().name(), 0));
            return committed == null ? -1 : committed.offset();
        }
    }

    /** A small, well-formed PNG whose header claims {@code side} x {@code side} pixels. */
    private static byte[] pngClaiming(int side) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(side)
                        .putInt(side)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + side * 3]); // one row of zeros
        deflater.finish();
        byte[] compressed = new byte[4096];
        int n = deflater.deflate(compressed);
        chunk(out, "IDAT", Arrays.copyOf(compressed, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
