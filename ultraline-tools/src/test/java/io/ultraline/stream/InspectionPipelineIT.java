package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.SerdeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The topology on the embedded KRaft broker and the embedded Apicurio registry under
 * exactly_once_v2, every output read with isolation.level=read_committed: verdicts, defects and
 * explanations; the calibration flow; alerts that open and clear; dead letters of undeserializable
 * and undecodable frames.
 */
class InspectionPipelineIT {

    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final AlertRule CAMERA_RULE =
            new AlertRule("camera-defects", AlertScope.CAMERA, 4, Duration.ZERO, 2, 0);
    private static final AlertRule LINE_RULE = new AlertRule("line-defects", AlertScope.LINE, 5, Duration.ZERO, 3, 1);

    private final KafkaCluster kafka = TestKafka.shared();
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(run);
    private final String applicationId = run + "ultraline";
    private final List<KafkaConsumer<?, ?>> consumers = new ArrayList<>();
    private KafkaStreams streams;
    private KafkaProducer<String, CameraFrame> frames;
    private KafkaProducer<String, CalibrationCommand> commands;
    private KafkaProducer<byte[], byte[]> raw;
    private Path stateDir;
    private long capture = 1_700_000_000_000L;
    /** partition@offset of every frame {@link #send} produced. */
    private final List<String> produced = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        PipelineConfig config = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(4, Duration.ofMillis(300)))
                .withAlertRules(List.of(CAMERA_RULE, LINE_RULE));
        Topology topology = InspectionTopology.build(topics, TestModels.inspector(), Clock.systemUTC(), config);
        stateDir = Files.createTempDirectory(Path.of("target"), "it-state");
        Map<String, Object> user = new HashMap<>(kafka.clientConfig());
        user.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        user.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        streams = new KafkaStreams(
                topology, StreamsConfigs.asProperties(StreamsConfigs.forPipeline(applicationId, user, topics, config)));
        streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
        streams.start();
        await().atMost(TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);

        Map<String, Object> producer = new HashMap<>(kafka.clientConfig());
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        frames = new KafkaProducer<>(
                producer,
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer());
        commands = new KafkaProducer<>(
                producer,
                topics.calibration().keySerde().serializer(),
                topics.calibration().valueSerde().serializer());
        raw = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        consumers.forEach(KafkaConsumer::close);
        for (AutoCloseable c : new AutoCloseable[] {frames, commands, raw}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    @Test
    void framesBecomeVerdictsDefectsExplanationsAndAlertsThroughCalibration() throws Exception {
        Reader<String, FrameVerdict> verdicts = reader(topics.verdicts());
        Reader<String, FrameExplanation> explanations = reader(topics.explanations());
        Reader<String, DefectRegion> defects = reader(topics.defects());
        Reader<String, ReferenceProfile> profiles = reader(topics.profiles());
        Reader<String, LineAlert> alerts = reader(topics.alerts());

        send("cam-1", "before-calibration", TestCameraFrames.good(0));
        assertThat(verdicts.await(1))
                .extracting(r -> r.value().getStatus())
                .containsExactly(VerdictStatus.UNCALIBRATED);
        assertThat(explanations.await(1)).hasSize(1);

        command("cam-1", CalibrationAction.START, 3);
        for (int i = 0; i < 3; i++) {
            send("cam-1", "cal-" + i, TestCameraFrames.good(i));
        }
        assertThat(verdicts.await(4).subList(1, 4))
                .extracting(r -> r.value().getStatus())
                .containsOnly(VerdictStatus.CALIBRATING);
        ConsumerRecord<String, ReferenceProfile> snapshot = profiles.await(1).get(0);
        assertThat(snapshot.key()).isEqualTo("cam-1");
        assertThat(snapshot.value().getVersion()).isEqualTo(1);
        assertThat(snapshot.value().getFrameCount()).isEqualTo(3);

        String[] sequence = {"D", "D", "D", "O", "O", "O", "O", "O"};
        for (int i = 0; i < sequence.length; i++) {
            send(
                    "cam-1",
                    "f-" + i,
                    sequence[i].equals("D") ? TestCameraFrames.defective(100 + i) : TestCameraFrames.good(i % 3));
        }
        List<ConsumerRecord<String, FrameVerdict>> scored = verdicts.await(12).subList(4, 12);
        assertThat(scored)
                .extracting(r -> r.value().getStatus())
                .containsExactly(
                        VerdictStatus.DEFECT,
                        VerdictStatus.DEFECT,
                        VerdictStatus.DEFECT,
                        VerdictStatus.OK,
                        VerdictStatus.OK,
                        VerdictStatus.OK,
                        VerdictStatus.OK,
                        VerdictStatus.OK);
        assertThat(scored).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo("cam-1");
            assertThat(r.value().getProfileVersion()).isEqualTo(1L);
            assertThat(r.value().getSource().getTopic())
                    .isEqualTo(topics.frames().name());
            assertThat(r.value().getModel().getName()).isEqualTo("tiny-test");
        });
        int regions = scored.stream().mapToInt(r -> r.value().getRegionCount()).sum();
        assertThat(regions).isPositive();
        assertThat(defects.await(regions))
                .hasSize(regions)
                .allSatisfy(r -> assertThat(r.value().getFrameId()).isIn("f-0", "f-1", "f-2"));
        assertThat(explanations.await(12)).hasSize(12);

        List<LineAlert> opened =
                alerts.await(4).stream().map(ConsumerRecord::value).toList();
        assertThat(opened)
                .filteredOn(a -> a.getScope() == AlertScope.CAMERA)
                .extracting(LineAlert::getState)
                .containsExactly(AlertState.OPEN, AlertState.CLEARED);
        assertThat(opened)
                .filteredOn(a -> a.getScope() == AlertScope.LINE)
                .extracting(LineAlert::getState)
                .containsExactly(AlertState.OPEN, AlertState.CLEARED);
        assertThat(opened.stream().map(LineAlert::getAlertId).distinct()).hasSize(2);

        // exactly one outcome per frame, and that a verdict: nothing dead-lettered
        CommittedOutcomes outcomes =
                CommittedOutcomes.afterMarkers(kafka, topics, PARTITIONS, frames, capture + 1000, produced, TIMEOUT);
        assertThat(outcomes.all())
                .as("one outcome per produced offset")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(outcomes.deadLetters()).as("dead letters").isEmpty();
    }

    @Test
    void undeserializableAndUndecodableFramesAreDeadLetteredInTheTransaction() throws Exception {
        Reader<byte[], RejectedFrame> deadLetters = reader(topics.deadLetters());
        Reader<String, FrameVerdict> verdicts = reader(topics.verdicts());
        byte[] key = "cam-9".getBytes(StandardCharsets.UTF_8);
        byte[] json = "{\"cameraId\":\"cam-9\"}".getBytes(StandardCharsets.UTF_8);
        raw.send(new ProducerRecord<>(topics.frames().name(), key, json)).get();
        byte[] png = TestCameraFrames.png(TestCameraFrames.good(1));
        CameraFrame cut =
                TestCameraFrames.frame("cam-9", "cut", ImageEncoding.PNG, 64, 64, Arrays.copyOf(png, png.length / 2));
        frames.send(new ProducerRecord<>(topics.frames().name(), "cam-9", cut)).get();
        // the acceptance check of the frame context: a trace header sent with a frame comes back on its verdict
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        RecordHeaders trace = new RecordHeaders();
        trace.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
        send("cam-9", "fine", TestCameraFrames.good(2), trace, Map.of("partSerial", "SN-7"));

        List<ConsumerRecord<byte[], RejectedFrame>> dead = deadLetters.await(2);
        assertThat(dead)
                .extracting(r -> r.value().getReason())
                .containsExactly(RejectReason.DESERIALIZATION_FAILED, RejectReason.IMAGE_TRUNCATED);
        assertThat(dead.get(0).key()).isEqualTo(key);
        assertThat(dead.get(0).value().getOriginalValue().array()).isEqualTo(json);
        assertThat(dead.get(0).value().getSource().getTopic())
                .isEqualTo(topics.frames().name());
        assertThat(dead.get(1).value().getFrameId()).isEqualTo("cut");
        ConsumerRecord<String, FrameVerdict> verdict = verdicts.await(1).get(0);
        assertThat(verdict.value().getFrameId()).isEqualTo("fine");
        assertThat(verdict.value().getAttributes()).isEqualTo(Map.of("partSerial", "SN-7"));
        assertThat(verdict.headers().lastHeader("traceparent")).isNotNull();
        assertThat(new String(verdict.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII))
                .isEqualTo(traceparent);
    }

    private void send(String camera, String frameId, java.awt.image.BufferedImage image) throws Exception {
        send(camera, frameId, image, new RecordHeaders(), Map.of());
    }

    private void send(
            String camera,
            String frameId,
            java.awt.image.BufferedImage image,
            RecordHeaders headers,
            Map<String, String> attributes)
            throws Exception {
        CameraFrame frame = TestCameraFrames.frame(camera, frameId, image);
        frame.setAttributes(attributes);
        capture += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        RecordMetadata meta = frames.send(
                        new ProducerRecord<>(topics.frames().name(), null, capture, camera, frame, headers))
                .get();
        produced.add(meta.partition() + "@" + meta.offset());
    }

    /** Sends a command and waits until the application has consumed it, so it applies before the next frames. */
    private void command(String camera, CalibrationAction action, int frameCount) throws Exception {
        var sent = commands.send(new ProducerRecord<>(
                        topics.calibration().name(),
                        null,
                        capture + 1,
                        camera,
                        CalibrationCommand.newBuilder()
                                .setCommandId("cmd-" + UUID.randomUUID())
                                .setCameraId(camera)
                                .setAction(action)
                                .setFrameCount(frameCount)
                                .setTimestamp(Instant.ofEpochMilli(capture + 1))
                                .build()))
                .get();
        TopicPartition tp = new TopicPartition(sent.topic(), sent.partition());
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            await().atMost(TIMEOUT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                OffsetAndMetadata offset = committed.get(tp);
                return offset != null && offset.offset() > sent.offset();
            });
        }
    }

    private <K, V> Reader<K, V> reader(Topic<K, V> topic) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<K> keys = topic.keySerde().deserializer();
        KafkaConsumer<K, V> consumer =
                new KafkaConsumer<>(config, keys, topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        consumers.add(consumer);
        return new Reader<>(consumer);
    }

    /** Accumulates what a read_committed consumer has seen, in order per partition. */
    private static final class Reader<K, V> {
        private final KafkaConsumer<K, V> consumer;
        private final List<ConsumerRecord<K, V>> records = new ArrayList<>();

        Reader(KafkaConsumer<K, V> consumer) {
            this.consumer = consumer;
        }

        List<ConsumerRecord<K, V>> await(int count) {
            org.awaitility.Awaitility.await()
                    .atMost(TIMEOUT)
                    .pollInterval(Duration.ZERO)
                    .until(() -> poll().size() >= count);
            return List.copyOf(records);
        }

        List<ConsumerRecord<K, V>> poll() {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return List.copyOf(records);
        }
    }
}
