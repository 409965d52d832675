package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.RegisteredSchema;
import io.ultraline.serde.RegistrySettings;
import io.ultraline.serde.RestSchemaRegistryClient;
import io.ultraline.serde.SchemaNotFoundException;
import io.ultraline.serde.SerdeConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the pipeline's schema registry (a dedicated {@link EmbeddedSchemaRegistry}, not the shared
 * one) away while frames flow, and brings a new one up on the same port with the same schema ids.
 *
 * <ul>
 *   <li>Frames whose writer schema id the pipeline has already resolved keep flowing during the
 *       outage: the producer's serializer and the pipeline's serdes cache ids, so neither asks the
 *       registry again.</li>
 *   <li>A frame written with an id the pipeline has not seen yet (a second, compatible CameraFrame
 *       schema registered before the outage and used only during it) cannot be read: it is not
 *       dead-lettered; the deserialization handler fails the task, the stream thread dies and
 *       {@link PipelineUncaughtExceptionHandler} replaces it, again and again, until the registry
 *       answers; then the frame gets its verdict.</li>
 * </ul>
 *
 * The second registry is Apicurio in memory, which numbers schemas from 1 in registration order:
 * the test reads the first registry's subjects before closing it and registers the same schemas in
 * the order of their ids, then checks that every id came back the same.
 */
class RegistryOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOutageIT.class);
    private static final int PARTITIONS = 2;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /**
     * A replaced thread's consumer does not leave the group (Kafka Streams closes it without a
     * LeaveGroup), so the replacement gets partitions only once the dead member's session expires:
     * 45 s by default. A shorter session bounds each replacement's stall.
     */
    private static final int SESSION_TIMEOUT_MS = 10_000;

    private final KafkaCluster kafka = TestKafka.shared();
    private final String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final List<String> produced = new ArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private PipelineTopics topics;
    private long capture = 1_700_000_000_000L;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void anOutageDeadLettersNothingAndEveryFrameEndsWithOneVerdict() throws Exception {
        EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start();
        toClose.add(first);
        int port = first.port();
        String url = first.confluentApiUrl();
        topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url))
                .withPrefix(prefix);
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        RunningPipeline pipeline = new RunningPipeline(
                kafka,
                url,
                topics,
                prefix + "ultraline",
                PipelineConfig.defaults().withBatch(BatchConfig.of(4, Duration.ofMillis(300))),
                Map.of(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS));
        toClose.add(pipeline);
        pipeline.start(TIMEOUT);

        Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        // one serializer for the whole test: it keeps the id it registered
        KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                producerConfig,
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer());
        toClose.add(frames);
        KafkaProducer<byte[], byte[]> raw =
                new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        toClose.add(raw);

        sendFrames(frames, "before", 6);
        awaitOutcomes(6);
        RestSchemaRegistryClient admin = new RestSchemaRegistryClient(RegistrySettings.of(url));
        Schema probeSchema = withExtraOptionalField(CameraFrame.getClassSchema());
        int probeId = admin.register(topics.frames().name() + "-value", probeSchema.toString());
        List<RegisteredSchema> schemas = registered(admin);
        LOG.info(
                "Schemas before the outage: {}",
                schemas.stream().map(s -> s.id() + "=" + s.subject()).toList());

        first.close();
        sendFrames(frames, "outage-cached", 6);
        awaitOutcomes(12);
        assertThat(CommittedOutcomes.read(kafka, topics, PARTITIONS).deadLetters())
                .isEmpty();

        String probe = sendProbe(raw, probeId);
        sendFrames(frames, "outage-after-probe", 4);
        await().atMost(TIMEOUT).until(() -> !pipeline.threadDeaths().isEmpty());
        TimeUnit.SECONDS.sleep(2);
        CommittedOutcomes during = CommittedOutcomes.read(kafka, topics, PARTITIONS);
        assertThat(during.deadLetters()).as("an outage dead-letters nothing").isEmpty();
        assertThat(during.verdicts())
                .as("the frame with an unseen schema id waits for the registry")
                .doesNotContain(probe);

        EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(port);
        toClose.add(second);
        RestSchemaRegistryClient again = new RestSchemaRegistryClient(RegistrySettings.of(second.confluentApiUrl()));
        for (RegisteredSchema s : schemas) {
            assertThat(again.register(s.subject(), s.schema()))
                    .as("id of %s in the new registry", s.subject())
                    .isEqualTo(s.id());
        }

        try {
            awaitOutcomes(produced.size());
        } catch (ConditionTimeoutException e) {
            CommittedOutcomes seen = CommittedOutcomes.read(kafka, topics, PARTITIONS);
            List<String> missing = new ArrayList<>(produced);
            missing.removeAll(seen.all());
            try (Admin groups = Admin.create(kafka.clientConfig())) {
                throw new AssertionError(
                        "no outcome for " + missing + " (probe " + probe + "); committed offsets "
                                + groups.listConsumerGroupOffsets(prefix + "ultraline")
                                        .partitionsToOffsetAndMetadata()
                                        .get()
                                + "; client states " + pipeline.states() + "; thread deaths " + pipeline.threadDeaths(),
                        e);
            }
        }
        CommittedOutcomes outcomes =
                CommittedOutcomes.afterMarkers(kafka, topics, PARTITIONS, frames, capture + 1000, produced, TIMEOUT);
        LOG.info(
                "Client states {}; stream thread deaths {}",
                pipeline.states(),
                pipeline.threadDeaths().size());
        assertThat(outcomes.deadLetters()).isEmpty();
        assertThat(outcomes.verdicts())
                .as("one verdict per produced offset")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(pipeline.threadDeaths()).allSatisfy(d -> assertThat(d).startsWith("REPLACE_THREAD"));
        assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    private void awaitOutcomes(int count) {
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> CommittedOutcomes.read(kafka, topics, PARTITIONS).size() >= count);
    }

    private void sendFrames(KafkaProducer<String, CameraFrame> producer, String phase, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String camera = "cam-" + (i % 3);
            CameraFrame frame = TestCameraFrames.frame(camera, phase + "-" + i, TestCameraFrames.good(i));
            capture += 1000;
            frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
            record(producer.send(new ProducerRecord<>(topics.frames().name(), null, capture, camera, frame))
                    .get());
        }
    }

    /** A frame in the Confluent wire format under {@code schemaId}, whose schema adds a null field at the end. */
    private String sendProbe(KafkaProducer<byte[], byte[]> producer, int schemaId) throws Exception {
        CameraFrame frame = TestCameraFrames.frame("cam-0", "probe", TestCameraFrames.good(99));
        capture += 1000;
        frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(CameraFrame.class).write(frame, encoder);
        encoder.writeIndex(0); // the extra field's union branch: null
        encoder.flush();
        return record(producer.send(new ProducerRecord<>(
                        topics.frames().name(),
                        null,
                        capture,
                        "cam-0".getBytes(StandardCharsets.UTF_8),
                        out.toByteArray()))
                .get());
    }

    private String record(RecordMetadata meta) {
        String where = meta.partition() + "@" + meta.offset();
        produced.add(where);
        return where;
    }

    /** Every value subject of the pipeline's topics that the registry holds, by id. */
    private List<RegisteredSchema> registered(RestSchemaRegistryClient client) {
        List<RegisteredSchema> out = new ArrayList<>();
        for (String topic : topics.names()) {
            try {
                out.add(client.latestVersion(topic + "-value"));
            } catch (SchemaNotFoundException notRegistered) {
                // the pipeline has not written to this topic
            }
        }
        // the frames subject has two versions: the producer's CameraFrame and the probe
        out.add(client.lookup(
                topics.frames().name() + "-value", CameraFrame.getClassSchema().toString()));
        return out.stream().collect(Collectors.toMap(RegisteredSchema::id, s -> s, (a, b) -> a)).values().stream()
                .sorted(Comparator.comparingInt(RegisteredSchema::id))
                .toList();
    }

    private static Schema withExtraOptionalField(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field(
                "outageProbe",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null,
                Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
