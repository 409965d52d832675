package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.SerdeConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills the pipeline's JVM with SIGKILL while frames sit in its batch buffer (committed there) and
 * while further frames are in flight (uncommitted), restarts it on the same state directory, and
 * checks with a read_committed consumer that every produced frame ends as exactly one verdict or
 * one dead letter: nothing lost, nothing duplicated.
 */
class CrashRecoveryIT {

    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final KafkaCluster kafka = TestKafka.shared();
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String applicationId = prefix + "ultraline";
    private final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(prefix);
    private final List<Process> children = new ArrayList<>();
    private final Set<String> produced = new HashSet<>();
    private long capture = 1_700_000_000_000L;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledPipelineNeitherLosesNorDuplicatesFramesOfItsBatchBuffer() throws Exception {
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        Path stateDir = Files.createTempDirectory(Path.of("target"), "crash-state");
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        CommittedOutcomes outcomes;
        try (KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                        producerConfig,
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer());
                KafkaProducer<byte[], byte[]> raw =
                        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {

            // batches of 50 that never fill, a wait longer than the test: frames stay in the buffer
            Process first = start(stateDir, 50, 600_000, 1);
            for (int i = 0; i < 6; i++) {
                send(frames, "cam-" + (i % 3), "buffered-" + i);
            }
            RecordMetadata bad = raw.send(new ProducerRecord<>(
                            topics.frames().name(),
                            "cam-0".getBytes(StandardCharsets.UTF_8),
                            "not avro".getBytes(StandardCharsets.UTF_8)))
                    .get();
            produced.add(bad.partition() + "@" + bad.offset());
            awaitCommitted(produced.size());
            assertThat(CommittedOutcomes.readAll(kafka, topics.verdicts(), PARTITIONS))
                    .as("frames wait in the buffer")
                    .isEmpty();

            for (int i = 0; i < 4; i++) {
                send(frames, "cam-" + (i % 3), "in-flight-" + i);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

            start(stateDir, 4, 300, 2);
            for (int i = 0; i < 3; i++) {
                send(frames, "cam-" + (i % 3), "after-restart-" + i);
            }
            outcomes = CommittedOutcomes.afterMarkers(
                    kafka, topics, PARTITIONS, frames, capture + 1000, produced, TIMEOUT);
        }
        assertThat(outcomes.all())
                .as("one outcome per produced offset")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(outcomes.verdicts())
                .as("13 frames and a marker per partition")
                .hasSize(13 + PARTITIONS);
        assertThat(outcomes.deadLetters()).hasSize(1);
    }

    private void send(KafkaProducer<String, CameraFrame> producer, String camera, String frameId) throws Exception {
        CameraFrame frame = TestCameraFrames.frame(camera, frameId, TestCameraFrames.good(produced.size()));
        capture += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        RecordMetadata meta = producer.send(new ProducerRecord<>(topics.frames().name(), null, capture, camera, frame))
                .get();
        produced.add(meta.partition() + "@" + meta.offset());
    }

    /** Waits until the application has committed {@code count} consumed offsets of line.frames. */
    private void awaitCommitted(int count) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId)
                        .partitionsToOffsetAndMetadata()
                        .get();
                long total = offsets.entrySet().stream()
                        .filter(e -> e.getKey().topic().equals(topics.frames().name()))
                        .mapToLong(e -> e.getValue().offset())
                        .sum();
                return total >= count;
            });
        }
    }

    private Process start(Path stateDir, int batchSize, long maxWaitMillis, int run) throws Exception {
        Path log = Path.of("target", applicationId + "-run" + run + ".log");
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.ultraline.avro",
                "-Dorg.bytedeco.javacpp.cachedir="
                        + System.getProperty(
                                "org.bytedeco.javacpp.cachedir",
                                Path.of(System.getProperty("user.home"), ".javacpp", "cache")
                                        .toString()),
                "-cp",
                System.getProperty("java.class.path"),
                CrashTestApplication.class.getName(),
                kafka.bootstrapServers(),
                registryUrl,
                prefix,
                applicationId,
                stateDir.toString(),
                TestModels.modelDir().toString(),
                Integer.toString(batchSize),
                Long.toString(maxWaitMillis));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.add(process);
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                            PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            out.println(line);
                            out.flush();
                            if (line.contains(CrashTestApplication.READY)) {
                                ready.countDown();
                            }
                        }
                    } catch (IOException e) {
                        // the process was killed
                    }
                },
                "crash-child-" + run);
        pump.setDaemon(true);
        pump.start();
        assertThat(ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("child %d ready (log %s)", run, log)
                .isTrue();
        return process;
    }
}
