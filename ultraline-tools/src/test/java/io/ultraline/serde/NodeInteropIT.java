package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with an independent client: {@code interop/node/interop.js} (kafkajs and
 * {@code @kafkajs/confluent-schema-registry}, avsc underneath) runs as a child process against the
 * same embedded broker and registry. A frame Node writes must read in Java as the frame Java
 * meant, and a verdict Java writes must decode in Node to the same values.
 *
 * <p>Needs Node 20+ on the PATH (or {@value #NODE_PROPERTY}) and {@code npm ci --prefix
 * interop/node}; without them the test fails rather than skips, so CI cannot pass it silently.
 */
class NodeInteropIT {

    static final String NODE_PROPERTY = "ultraline.node";
    private static final Path NODE_PROJECT = Paths.get("interop", "node");
    private static final Path SCRIPT = NODE_PROJECT.resolve("interop.js");
    private static final List<String> NODE_MODULES = List.of("kafkajs", "@kafkajs/confluent-schema-registry");
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void nodeProjectIsInstalled() {
        for (String module : NODE_MODULES) {
            Path installed =
                    NODE_PROJECT.resolve("node_modules").resolve(module).resolve("package.json");
            if (!Files.isRegularFile(installed)) {
                fail("Node module " + module + " is not installed in " + NODE_PROJECT.toAbsolutePath()
                        + "; run `npm ci --prefix interop/node` (Node 20+) before the integration tests");
            }
        }
    }

    @Test
    void javaReadsTheFrameNodeWrote() throws Exception {
        KafkaCluster kafka = TestKafka.shared();
        String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        String topic = "it.interop.frames." + UUID.randomUUID();
        int partitions = 3;
        kafka.createTopic(topic, partitions);
        // Java registers the contract, Node writes with the subject's latest version
        int schemaId = new RestSchemaRegistryClient(RegistrySettings.of(registryUrl))
                .register(topic + "-value", CameraFrame.getClassSchema().toString());
        CameraFrame expected = ContractSamples.cameraFrames().get(0);
        Path frameFile = work.resolve("frame.json");
        JSON.writeValue(frameFile.toFile(), AvscJson.of(expected));

        List<JsonNode> produced = runNode(
                "produce-frame",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--frame",
                frameFile.toString());

        assertThat(produced).hasSize(1);
        JsonNode where = produced.get(0);
        assertThat(where.path("schemaId").asInt()).isEqualTo(schemaId);
        int partition = where.path("partition").asInt();
        long offset = Long.parseLong(where.path("offset").asText());
        assertThat(partition)
                .as("kafkajs DefaultPartitioner must agree with Java's murmur2")
                .isEqualTo(Utils.toPositive(Utils.murmur2(expected.getCameraId().getBytes(StandardCharsets.UTF_8)))
                        % partitions);

        ConsumerRecord<String, byte[]> record = readOne(kafka, new TopicPartition(topic, partition), offset);
        assertThat(record.key()).isEqualTo(expected.getCameraId());
        assertThat(record.value()[0]).isEqualTo(WireFormat.MAGIC_BYTE);
        assertThat(ByteBuffer.wrap(record.value(), 1, 4).getInt()).isEqualTo(schemaId);
        SpecificAvroDeserializer<CameraFrame> deserializer = new SpecificAvroDeserializer<>(CameraFrame.class);
        deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        CameraFrame read = deserializer.deserialize(topic, record.value());
        assertThat(read).isEqualTo(expected);
        assertThat(read.getImage()).isEqualTo(expected.getImage());
        assertThat(read.getAttributes()).containsExactlyInAnyOrderEntriesOf(expected.getAttributes());
    }

    @Test
    void nodeReadsTheVerdictsJavaWrote() throws Exception {
        KafkaCluster kafka = TestKafka.shared();
        String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        String topic = "it.interop.verdicts." + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        List<FrameVerdict> verdicts = ContractSamples.frameVerdicts();
        writeCommitted(kafka, registryUrl, topic, verdicts);
        int schemaId = new RestSchemaRegistryClient(RegistrySettings.of(registryUrl))
                .latestVersion(topic + "-value")
                .id();

        List<JsonNode> read = runNode(
                "consume-verdict",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--registry",
                registryUrl,
                "--topic",
                topic,
                "--count",
                String.valueOf(verdicts.size()),
                "--timeout-ms",
                "60000");

        assertThat(read).hasSize(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            FrameVerdict verdict = verdicts.get(i);
            JsonNode line = read.get(i);
            assertThat(line.path("key").asText()).isEqualTo(verdict.getCameraId());
            assertThat(line.path("schemaId").asInt()).isEqualTo(schemaId);
            JsonNode expected = AvscJson.of(verdict);
            JsonNode actual = line.path("value");
            assertThat(actual.equals(AvscJson.NUMBERS_BY_VALUE, expected))
                    .as("Node decoded%n  %s%nJava wrote%n  %s", actual, expected)
                    .isTrue();
        }
    }

    private static void writeCommitted(
            KafkaCluster kafka, String registryUrl, String topic, List<FrameVerdict> verdicts) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-interop-" + UUID.randomUUID());
        SpecificAvroSerializer<FrameVerdict> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            producer.initTransactions();
            producer.beginTransaction();
            verdicts.forEach(v -> producer.send(new ProducerRecord<>(topic, v.getCameraId(), v)));
            producer.commitTransaction();
        }
    }

    private static ConsumerRecord<String, byte[]> readOne(KafkaCluster kafka, TopicPartition partition, long offset) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return !read.isEmpty();
            });
        }
        assertThat(read.get(0).offset()).isEqualTo(offset);
        return read.get(0);
    }

    /** Runs the script to completion within the timeout; returns its stdout lines as JSON. */
    private List<JsonNode> runNode(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty(NODE_PROPERTY, "node"), SCRIPT.toString()));
        command.addAll(List.of(args));
        Path stdout = work.resolve(args[0] + ".out");
        Path stderr = work.resolve(args[0] + ".err");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "Cannot start " + command.get(0) + " (Node 20+ must be on the PATH, or set -D" + NODE_PROPERTY
                            + "): " + e.getMessage(),
                    e);
        }
        boolean exited = process.waitFor(NODE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(exited)
                .as("%s still running after %s; stderr:%n%s", command, NODE_TIMEOUT, errors)
                .isTrue();
        assertThat(process.exitValue())
                .as("exit status of %s; stderr:%n%s", command, errors)
                .isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
