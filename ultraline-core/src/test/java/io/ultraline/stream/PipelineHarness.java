package io.ultraline.stream;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.files.DirectoryTrees;
import io.ultraline.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The inspection topology in a TopologyTestDriver with an in-memory schema registry, the settings
 * of {@link StreamsConfigs}, and typed input and output topics.
 */
final class PipelineHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final PipelineTopics topics =
            PipelineTopics.avro(registry, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mem://unused"));
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<String, CameraFrame> frames;
    final TestInputTopic<byte[], byte[]> rawFrames;
    final TestInputTopic<String, CalibrationCommand> calibration;
    final TestOutputTopic<String, FrameVerdict> verdicts;
    final TestOutputTopic<String, DefectRegion> defects;
    final TestOutputTopic<String, FrameExplanation> explanations;
    final TestOutputTopic<String, LineAlert> alerts;
    final TestOutputTopic<byte[], RejectedFrame> deadLetters;
    final TestOutputTopic<String, ReferenceProfile> profiles;
    final RecordingObserver observer = new RecordingObserver();
    private final Path stateDir;
    private long captureMillis = 1_700_000_000_000L;

    PipelineHarness(PipelineConfig config) {
        this(config, ModelStep.of(TestModels.inspector()));
    }

    /** The settings under which the driver keeps deserialization dead letters (see the constructor below). */
    static Map<String, Object> atLeastOnce() {
        return Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    }

    PipelineHarness(PipelineConfig config, ModelStep inspection) {
        this(config, inspection, Map.of());
    }

    /**
     * With {@code overrides} among the user settings. TopologyTestDriver under exactly_once_v2 drops
     * records that a deserialization exception handler returns (its output capture calls
     * {@code MockProducer.clear()}, which also discards the open transaction's sends before the
     * driver commits), so tests of those dead letters run the driver at_least_once; the *IT tests
     * check them under exactly_once_v2 on a real broker.
     */
    PipelineHarness(PipelineConfig config, ModelStep inspection, Map<String, Object> overrides) {
        this(config, inspection, FrameDecoding.standard(config.limits()), overrides);
    }

    PipelineHarness(
            PipelineConfig config, ModelStep inspection, FrameDecoding decoding, Map<String, Object> overrides) {
        try {
            Files.createDirectories(Path.of("target"));
            stateDir = Files.createTempDirectory(Path.of("target"), "ttd-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Clock clock = Clock.fixed(START, ZoneOffset.UTC);
        topology = InspectionTopology.build(topics, inspection, decoding, clock, config, observer);
        Map<String, Object> user = new HashMap<>();
        user.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        user.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        user.put(PipelineObserver.CONFIG, observer);
        user.putAll(overrides);
        Map<String, Object> settings = StreamsConfigs.forPipeline("ttd-" + UUID.randomUUID(), user, topics, config);
        driver = new TopologyTestDriver(topology, StreamsConfigs.asProperties(settings), START);
        frames = driver.createInputTopic(
                Topics.FRAMES,
                new StringSerializer(),
                topics.frames().valueSerde().serializer());
        rawFrames = driver.createInputTopic(Topics.FRAMES, new ByteArraySerializer(), new ByteArraySerializer());
        calibration = driver.createInputTopic(
                Topics.CALIBRATION,
                new StringSerializer(),
                topics.calibration().valueSerde().serializer());
        verdicts = output(Topics.VERDICTS, topics.verdicts().valueSerde().deserializer());
        defects = output(Topics.DEFECTS, topics.defects().valueSerde().deserializer());
        explanations =
                output(Topics.EXPLANATIONS, topics.explanations().valueSerde().deserializer());
        alerts = output(Topics.ALERTS, topics.alerts().valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(
                Topics.FRAMES_DLQ,
                new ByteArrayDeserializer(),
                topics.deadLetters().valueSerde().deserializer());
        profiles = output(Topics.PROFILES, topics.profiles().valueSerde().deserializer());
    }

    private <V> TestOutputTopic<String, V> output(
            String topic, org.apache.kafka.common.serialization.Deserializer<V> d) {
        return driver.createOutputTopic(topic, new StringDeserializer(), d);
    }

    /** Pipes a frame keyed by its camera, with a capture time one second after the previous frame's. */
    void pipe(CameraFrame frame) {
        pipe(frame, new RecordHeaders());
    }

    /** As {@link #pipe(CameraFrame)}, with these record headers. */
    void pipe(CameraFrame frame, RecordHeaders headers) {
        captureMillis += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(captureMillis));
        frames.pipeInput(new TestRecord<>(frame.getCameraId(), frame, headers, Instant.ofEpochMilli(captureMillis)));
    }

    void pipeRaw(byte[] key, byte[] value, RecordHeaders headers) {
        captureMillis += 1000;
        rawFrames.pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(captureMillis)));
    }

    void command(String camera, String productId, CalibrationAction action, int frameCount) {
        captureMillis += 1;
        calibration.pipeInput(new TestRecord<>(
                camera,
                CalibrationCommand.newBuilder()
                        .setCommandId("cmd-" + UUID.randomUUID())
                        .setCameraId(camera)
                        .setProductId(productId)
                        .setAction(action)
                        .setFrameCount(frameCount)
                        .setRequestedBy("test")
                        .setTimestamp(Instant.ofEpochMilli(captureMillis))
                        .build(),
                Instant.ofEpochMilli(captureMillis)));
    }

    void advance(Duration wallClock) {
        driver.advanceWallClockTime(wallClock);
    }

    List<FrameVerdict> verdicts() {
        return verdicts.readValuesToList();
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try {
                DirectoryTrees.delete(stateDir);
            } catch (IOException e) {
                // the temp dir is left behind
            }
        }
    }
}
