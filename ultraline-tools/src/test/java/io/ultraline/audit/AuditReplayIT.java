package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.cli.Main;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.BatchConfig;
import io.ultraline.stream.BatchTag;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import io.ultraline.stream.InspectionTopology;
import io.ultraline.stream.PipelineConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.PipelineUncaughtExceptionHandler;
import io.ultraline.stream.StreamsConfigs;
import io.ultraline.stream.TestCameraFrames;
import io.ultraline.stream.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a run of the real topology (tiny test model, batches of up to 4, a calibration, defective
 * frames, two dead letters) on the embedded broker and registry, then audits it with the command
 * line: the replay reproduces every CPU verdict with equal floats; a wrong model is refused; a frame
 * without outcome, a verdict without frame and a tampered verdict are reported with a non-zero exit.
 * The run uses two-stage inference (sampled): it has exactly one verdict per frame and explanations
 * exactly for the selected frames, and the audit replays that choice.
 *
 * <p>One recording, in three windows of record time that follow each other: the main run, frames
 * kept for the tampering test, frames kept for the test of missing outcomes. Each test audits only
 * its window, and the two tests that add records to the topics add them only to their own window,
 * so the tests pass in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditReplayIT {

    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ORPHAN_WINDOW_FRAMES = 2;
    /**
     * The run is recorded with two-stage inference: maps and an explanation for DEFECT frames and
     * for one frame in 3 by offset (no near-threshold margin, so the choice is exact to check).
     */
    private static final ExplainConfig EXPLAIN = new ExplainConfig(ExplanationsMode.SAMPLED, 3, 16, "anomalous", 0);

    private static final String[] RECORDED_EXPLAIN = {
        "--pipeline",
        "explanations.mode=sampled",
        "--pipeline",
        "explanations.sample-every=3",
        "--pipeline",
        "explanations.near-threshold=0"
    };

    private final KafkaCluster kafka = TestKafka.shared();
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final String run = "audit-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(run);
    private final ObjectMapper json = new ObjectMapper();
    // recent record times: the broker's time-based retention (7 days) deletes older ones while the tests run
    private final long start = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
    private long capture = start;
    private int framesSent;
    /** Frames of the main run, and the end (exclusive) of its window, which starts at {@link #start}. */
    private int mainFrames;

    private long mainTo;
    /** End (exclusive) of the tampering test's window, which starts at {@link #mainTo}. */
    private long tamperTo;
    /** The last recorded frame's time; the missing-outcome test's window starts at {@link #tamperTo}. */
    private long recordedTo;

    @BeforeAll
    void recordARun() throws Exception {
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        PipelineConfig config = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(4, Duration.ofMillis(300)))
                .withExplain(EXPLAIN);
        Path stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "audit-it-state");
        Map<String, Object> user = new HashMap<>(kafka.clientConfig());
        user.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        user.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        String applicationId = run + "ultraline";
        try (KafkaStreams streams = new KafkaStreams(
                        InspectionTopology.build(topics, TestModels.inspector(), Clock.systemUTC(), config),
                        StreamsConfigs.asProperties(StreamsConfigs.forPipeline(applicationId, user, topics, config)));
                KafkaProducer<String, CameraFrame> frames =
                        producer(topics.frames().valueSerde().serializer());
                KafkaProducer<String, CalibrationCommand> commands =
                        producer(topics.calibration().valueSerde().serializer());
                KafkaProducer<byte[], byte[]> raw =
                        new KafkaProducer<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
            streams.start();
            await().atMost(TIMEOUT).until(() -> streams.state() == KafkaStreams.State.RUNNING);

            send(frames, "cam-1", "before-calibration", TestCameraFrames.good(0));
            command(commands, applicationId, "cam-1", 3);
            for (int i = 0; i < 3; i++) {
                send(frames, "cam-1", "cal-" + i, TestCameraFrames.good(i));
            }
            String[] sequence = {"D", "O", "D", "O", "O", "D", "O", "O", "O"};
            for (int i = 0; i < sequence.length; i++) {
                // without waiting for acks, so that frames share batches
                sendAsync(
                        frames,
                        "cam-1",
                        "f-" + i,
                        sequence[i].equals("D") ? TestCameraFrames.defective(100 + i) : TestCameraFrames.good(i % 3));
            }
            frames.flush();
            byte[] png = TestCameraFrames.png(TestCameraFrames.good(1));
            CameraFrame cut = TestCameraFrames.frame(
                    "cam-1", "cut", ImageEncoding.PNG, 64, 64, Arrays.copyOf(png, png.length / 2));
            capture += 1000;
            frames.send(new ProducerRecord<>(topics.frames().name(), null, capture, "cam-1", cut))
                    .get();
            capture += 1000;
            raw.send(new ProducerRecord<>(
                            topics.frames().name(),
                            null,
                            capture,
                            "cam-1".getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
            framesSent += 2;
            await().atMost(TIMEOUT)
                    .until(() -> readVerdicts().size() >= framesSent - 2
                            && count(topics.deadLetters().name()) >= 2);
            // every outcome of the main run is committed: no batch reaches into the next window
            mainTo = capture + 1;
            mainFrames = framesSent;
            int mainVerdicts = mainFrames - 2;

            String[] tampered = {"D", "O", "D"};
            for (int i = 0; i < tampered.length; i++) {
                send(
                        frames,
                        "cam-1",
                        "tamper-" + i,
                        tampered[i].equals("D") ? TestCameraFrames.defective(200 + i) : TestCameraFrames.good(i));
            }
            await().atMost(TIMEOUT).until(() -> readVerdicts().size() >= mainVerdicts + tampered.length);
            tamperTo = capture + 1;

            for (int i = 0; i < ORPHAN_WINDOW_FRAMES; i++) {
                send(frames, "cam-1", "orphan-" + i, TestCameraFrames.good(i));
            }
            await().atMost(TIMEOUT).until(() -> readVerdicts().size() >= framesSent - 2);
            recordedTo = capture;
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
        List<FrameVerdict> verdicts =
                readVerdicts().stream().map(ConsumerRecord::value).toList();
        assertThat(verdicts).hasSize(framesSent - 2);
        assertThat(verdicts)
                .extracting(FrameVerdict::getStatus)
                .contains(
                        VerdictStatus.UNCALIBRATED, VerdictStatus.CALIBRATING, VerdictStatus.OK, VerdictStatus.DEFECT);
        assertThat(readVerdicts())
                .allSatisfy(r -> assertThat(BatchTag.from(r.headers())).isPresent());
        assertThat(readVerdicts().stream()
                        .map(r -> BatchTag.from(r.headers()).orElseThrow().size()))
                .as("some frames shared a batch")
                .anyMatch(size -> size > 1);
        assertThat(verdicts)
                .extracting(v -> key(v.getSource()))
                .as("one verdict per frame")
                .doesNotHaveDuplicates();
        List<String> selected = verdicts.stream()
                .filter(v ->
                        v.getStatus() == VerdictStatus.DEFECT || v.getSource().getOffset() % 3 == 0)
                .map(v -> key(v.getSource()))
                .toList();
        List<FrameExplanation> explanations =
                readAll(
                                topics.explanations().name(),
                                topics.explanations().valueSerde().deserializer())
                        .stream()
                        .map(ConsumerRecord::value)
                        .toList();
        assertThat(explanations)
                .extracting(e -> key(e.getSource()))
                .as("explanations exactly of the selected frames")
                .containsExactlyInAnyOrderElementsOf(selected);
        assertThat(verdicts)
                .filteredOn(v -> !selected.contains(key(v.getSource())))
                .as("frames without maps count no concepts")
                .isNotEmpty()
                .allSatisfy(v -> assertThat(v.getConceptCount()).isZero());
        // calibration.concept-transform is profile by default: the audit has a camera W to reproduce,
        // and the sampled frames scored against the profile have their maps through it
        assertThat(readAll(
                        topics.profiles().name(), topics.profiles().valueSerde().deserializer()))
                .singleElement()
                .satisfies(p -> assertThat(io.ultraline.defect.ProfileCodec.decode(
                                        ProfileCheck.bytes(p.value().getBank()))
                                .transform())
                        .as("the profile's token transform W")
                        .isNotNull());
    }

    private static String key(io.ultraline.avro.SourceRef s) {
        return s.getPartition() + "@" + s.getOffset();
    }

    @AfterAll
    void deleteTopics() {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.deleteTopics(topics.names()).all().get();
        } catch (Exception e) {
            // topics of a unique prefix; left behind on failure
        }
    }

    @Test
    void aCpuReplayReproducesEveryVerdictWithEqualFloats(@TempDir Path reportDir) throws Exception {
        Result r = audit(
                start,
                mainTo,
                "--model",
                TestModels.modelDir().toString(),
                "--report",
                reportDir.toString(),
                "--score-tolerance",
                "0",
                "--min-iou",
                "1");

        assertThat(r.code).as(r.out + r.err).isZero();
        JsonNode report = json.readTree(reportDir.resolve(ReportWriter.JSON).toFile());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("framesInRange").asInt()).isEqualTo(mainFrames);
        assertThat(report.get("framesCompared").asInt()).isEqualTo(mainFrames);
        assertThat(report.get("framesMatched").asInt()).isEqualTo(mainFrames);
        assertThat(report.get("mismatches")).isEmpty();
        assertThat(report.get("deadLetters"))
                .hasSize(2)
                .allSatisfy(d -> assertThat(d.get("replayAgrees").asBoolean()).isTrue());
        assertThat(report.get("modelMismatch").asBoolean()).isFalse();
        assertThat(report.get("profiles")).singleElement().satisfies(p -> {
            assertThat(p.get("key").asText()).isEqualTo("cam-1");
            assertThat(p.get("version").asLong()).isEqualTo(1);
            assertThat(p.get("outcome").asText()).as(p.toString()).isEqualTo("REPRODUCED");
        });
        assertThat(Files.readString(reportDir.resolve(ReportWriter.HTML))).contains("PASSED");
        // not a terminal here, so progress comes as log lines ("audit 15/15  39.3/s  ETA 0s"), not a bar
        assertThat(r.err).contains("audit 15/15").contains("/s").contains("ETA").doesNotContain("\r");

        Result otherCamera =
                audit(start, mainTo, "--model", TestModels.modelDir().toString(), "--camera", "cam-2");
        // a camera with nothing in the range is an empty audit, not a pass (issue 23)
        assertThat(otherCamera.code).as(otherCamera.out + otherCamera.err).isEqualTo(4);
        assertThat(otherCamera.out).contains("EMPTY: 0 frames in range, 0 compared");
    }

    @Test
    void anAuditThatAssumesAnotherExplanationModeReportsTheMissingExplanations(@TempDir Path reportDir)
            throws Exception {
        Result r = auditAs(
                List.of("--pipeline", "explanations.mode=all"),
                start,
                mainTo,
                "--model",
                TestModels.modelDir().toString(),
                "--report",
                reportDir.toString());

        assertThat(r.code).as(r.out + r.err).isEqualTo(1);
        JsonNode report = json.readTree(reportDir.resolve(ReportWriter.JSON).toFile());
        List<String> fields = new ArrayList<>();
        report.get("mismatches")
                .forEach(m -> m.get("differences")
                        .forEach(d -> fields.add(d.get("field").asText())));
        assertThat(fields).contains("explanations");
    }

    @Test
    void aModelWithAnotherDigestIsRefusedUnlessAllowed(@TempDir Path other, @TempDir Path reportDir) throws Exception {
        VitConfig c = TinyVits.config(64, 8, 24, 2, 2, true, 2);
        TinyVits.export(c, TinyVits.structured(c, 5, 2.5f), other);

        Result refused = audit(start, mainTo, "--model", other.toString());
        assertThat(refused.code).isEqualTo(3);
        assertThat(refused.err).contains("audit refused", "--allow-model-mismatch", "weights digest");

        Result allowed = audit(
                start, mainTo, "--model", other.toString(), "--allow-model-mismatch", "--report", reportDir.toString());
        assertThat(allowed.code).as(allowed.out + allowed.err).isEqualTo(1);
        JsonNode report = json.readTree(reportDir.resolve(ReportWriter.JSON).toFile());
        assertThat(report.get("modelMismatch").asBoolean()).isTrue();
        assertThat(Files.readString(reportDir.resolve(ReportWriter.HTML))).contains("Model mismatch");
    }

    @Test
    void aFrameWithoutOutcomeAndAVerdictWithoutFrameAreReported(@TempDir Path reportDir) throws Exception {
        ConsumerRecord<String, FrameVerdict> some = readVerdicts().stream()
                .filter(r -> r.value().getFrameId().startsWith("orphan-"))
                .findFirst()
                .orElseThrow();
        FrameVerdict orphan = FrameVerdict.newBuilder(some.value())
                .setSource(new io.ultraline.avro.SourceRef(
                        topics.frames().name(), some.value().getSource().getPartition(), 1_000_000L))
                .build();
        int unprocessedPartition;
        try (KafkaProducer<String, FrameVerdict> verdicts =
                        producer(topics.verdicts().valueSerde().serializer());
                KafkaProducer<String, CameraFrame> frames =
                        producer(topics.frames().valueSerde().serializer())) {
            verdicts.send(new ProducerRecord<>(
                            topics.verdicts().name(), some.partition(), some.timestamp(), some.key(), orphan))
                    .get();
            // the pipeline is stopped: this frame never gets an outcome
            CameraFrame late = TestCameraFrames.frame("cam-1", "late", TestCameraFrames.good(9));
            unprocessedPartition = frames.send(
                            new ProducerRecord<>(topics.frames().name(), null, recordedTo + 1000, "cam-1", late))
                    .get()
                    .partition();
        }

        Result r = audit(
                tamperTo,
                recordedTo + 1001,
                "--model",
                TestModels.modelDir().toString(),
                "--report",
                reportDir.toString());

        assertThat(r.code).as(r.out + r.err).isEqualTo(1);
        JsonNode report = json.readTree(reportDir.resolve(ReportWriter.JSON).toFile());
        assertThat(report.get("mismatches")).isEmpty();
        assertThat(report.get("verdictsWithoutFrame"))
                .extracting(JsonNode::asText)
                .containsExactly(some.value().getSource().getPartition() + "@1000000");
        assertThat(report.get("framesWithoutOutcome"))
                .hasSize(1)
                .allSatisfy(n -> assertThat(n.asText()).startsWith(unprocessedPartition + "@"));
        assertThat(report.get("framesInRange").asInt()).isEqualTo(ORPHAN_WINDOW_FRAMES + 1);
    }

    @Test
    void aTamperedVerdictIsReportedWithANonZeroExit(@TempDir Path reportDir) throws Exception {
        ConsumerRecord<String, FrameVerdict> original = readVerdicts().stream()
                .filter(r -> r.value().getFrameId().startsWith("tamper-"))
                .filter(r -> r.value().getStatus() == VerdictStatus.DEFECT)
                .findFirst()
                .orElseThrow();
        FrameVerdict forged = FrameVerdict.newBuilder(original.value())
                .setStatus(VerdictStatus.OK)
                .setFrameScore(original.value().getFrameScore() * 0.5f)
                .setRegionCount(0)
                .build();
        try (KafkaProducer<String, FrameVerdict> producer =
                producer(topics.verdicts().valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(
                            topics.verdicts().name(),
                            original.partition(),
                            original.timestamp(),
                            original.key(),
                            forged,
                            original.headers()))
                    .get();
        }
        String source = original.value().getSource().getPartition() + "@"
                + original.value().getSource().getOffset();

        Result r =
                audit(mainTo, tamperTo, "--model", TestModels.modelDir().toString(), "--report", reportDir.toString());

        assertThat(r.code).as(r.out + r.err).isEqualTo(1);
        assertThat(r.out).contains("FAILED", "mismatch " + source);
        JsonNode report = json.readTree(reportDir.resolve(ReportWriter.JSON).toFile());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.get("mismatches")).hasSize(1);
        JsonNode mismatch = report.get("mismatches").get(0);
        assertThat(mismatch.get("source").asText()).isEqualTo(source);
        List<String> fields = new ArrayList<>();
        mismatch.get("differences").forEach(d -> fields.add(d.get("field").asText()));
        assertThat(fields)
                .contains("verdicts")
                .anyMatch(f -> f.endsWith(".status"))
                .anyMatch(f -> f.endsWith(".frameScore"));
        String html = Files.readString(reportDir.resolve(ReportWriter.HTML));
        assertThat(html).contains("data:image/png;base64,", source);
        java.util.regex.Matcher png = java.util.regex.Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)")
                .matcher(html);
        assertThat(png.find()).isTrue();
        java.awt.image.BufferedImage overlay = javax.imageio.ImageIO.read(
                new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(png.group(1))));
        assertThat(overlay.getWidth()).isGreaterThanOrEqualTo(320);
        javax.imageio.ImageIO.write(
                overlay, "png", Path.of("target", "audit-it-overlay.png").toFile());
    }

    /** Runs the audit command over record times {@code [from, to)}, with the recorded run's explanation settings. */
    private Result audit(long from, long to, String... extra) {
        return auditAs(List.of(RECORDED_EXPLAIN), from, to, extra);
    }

    /** As {@link #audit}, with these pipeline settings instead. */
    private Result auditAs(List<String> pipeline, long from, long to, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "audit",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--registry-url",
                registryUrl,
                "--topic-prefix",
                run,
                "--from",
                Long.toString(from),
                "--to",
                Long.toString(to),
                "--threads",
                "0",
                "--inter-threads",
                "0",
                "--parallel-runs",
                "2"));
        args.addAll(pipeline);
        args.addAll(List.of(extra));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args.toArray(String[]::new));
            return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print("audit exit output:\n" + o.toString(StandardCharsets.UTF_8));
        }
    }

    private record Result(int code, String out, String err) {}

    private void send(
            KafkaProducer<String, CameraFrame> producer,
            String camera,
            String frameId,
            java.awt.image.BufferedImage image)
            throws Exception {
        sendAsync(producer, camera, frameId, image);
        producer.flush();
    }

    private void sendAsync(
            KafkaProducer<String, CameraFrame> producer,
            String camera,
            String frameId,
            java.awt.image.BufferedImage image) {
        CameraFrame frame = TestCameraFrames.frame(camera, frameId, image);
        capture += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        producer.send(new ProducerRecord<>(topics.frames().name(), null, capture, camera, frame));
        framesSent++;
    }

    /** Sends START and waits until the application has consumed it, so it applies before the next frames. */
    private void command(
            KafkaProducer<String, CalibrationCommand> producer, String applicationId, String camera, int frames)
            throws Exception {
        var sent = producer.send(new ProducerRecord<>(
                        topics.calibration().name(),
                        null,
                        capture + 1,
                        camera,
                        CalibrationCommand.newBuilder()
                                .setCommandId("cmd-" + UUID.randomUUID())
                                .setCameraId(camera)
                                .setAction(CalibrationAction.START)
                                .setFrameCount(frames)
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

    private Map<String, Object> producerConfig() {
        Map<String, Object> p = new HashMap<>(kafka.clientConfig());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    private <V> KafkaProducer<String, V> producer(org.apache.kafka.common.serialization.Serializer<V> values) {
        return new KafkaProducer<>(producerConfig(), topics.frames().keySerde().serializer(), values);
    }

    private List<ConsumerRecord<String, FrameVerdict>> readVerdicts() {
        return readAll(topics.verdicts().name(), topics.verdicts().valueSerde().deserializer());
    }

    private int count(String topic) {
        return readAll(topic, new org.apache.kafka.common.serialization.ByteArrayDeserializer())
                .size();
    }

    private <V> List<ConsumerRecord<String, V>> readAll(
            String topic, org.apache.kafka.common.serialization.Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer =
                new KafkaConsumer<>(config, new org.apache.kafka.common.serialization.StringDeserializer(), values)) {
            List<TopicPartition> parts = Stream.iterate(0, p -> p + 1)
                    .limit(PARTITIONS)
                    .map(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline
                    && !parts.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
