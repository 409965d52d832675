package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Bad input against the real registry (Apicurio): each failure surfaces as the specific
 * {@link SerdeException} the pipeline maps to a dead-letter reason, naming the topic.
 */
class SerdeBadInputIT {

    private static final int UNKNOWN_ID = 999_999;

    @Test
    void unknownSchemaIdNamesTheTopicAndId() {
        String topic = uniqueTopic("unknown-id");
        SpecificAvroDeserializer<CameraFrame> deserializer = deserializer(CameraFrame.class, registryUrl());

        UnknownSchemaIdException e = catchThrowableOfType(
                UnknownSchemaIdException.class,
                () -> deserializer.deserialize(topic, WireFormat.encode(UNKNOWN_ID, new byte[] {2, 4, 6})));

        assertThat(e.reason()).isEqualTo(SerdeReason.UNKNOWN_SCHEMA_ID);
        assertThat(e.failure().topic()).isEqualTo(topic);
        assertThat(e.failure().schemaId()).isEqualTo(UNKNOWN_ID);
        assertThat(e).hasMessageContaining(topic).hasMessageContaining(String.valueOf(UNKNOWN_ID));
    }

    @Test
    void unknownSchemaIdOnTheBrokerReachesTheConsumerWithItsLocation() throws Exception {
        KafkaCluster kafka = TestKafka.shared();
        String topic = uniqueTopic("unknown-id-broker");
        kafka.createTopic(topic, 1);
        try (var producer =
                new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "cam-1", WireFormat.encode(UNKNOWN_ID, new byte[] {1})))
                    .get();
        }

        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AtomicReference<RecordDeserializationException> failure = new AtomicReference<>();
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), deserializer(CameraFrame.class, registryUrl()))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                try {
                    consumer.poll(Duration.ofMillis(200));
                    return false;
                } catch (RecordDeserializationException e) {
                    failure.set(e);
                    return true;
                }
            });
        }

        RecordDeserializationException e = failure.get();
        assertThat(e.topicPartition()).isEqualTo(new TopicPartition(topic, 0));
        assertThat(e.offset()).isZero();
        assertThat(e.keyBuffer()).isNotNull();
        assertThat(e.getCause()).isInstanceOf(UnknownSchemaIdException.class).hasMessageContaining(topic);
        SerdeException located =
                ((SerdeException) e.getCause()).withLocation(e.topicPartition().partition(), e.offset());
        assertThat(located.failure().offset()).isZero();
        assertThat(located.reason().rejectReason().name()).isEqualTo("UNKNOWN_SCHEMA");
    }

    @Test
    void recordOfAnotherTypeIsRefused() {
        String topic = uniqueTopic("wrong-type");
        byte[] verdict = serializer(registryUrl())
                .serialize(topic, ContractSamples.frameVerdicts().get(0));
        SpecificAvroDeserializer<CameraFrame> deserializer = deserializer(CameraFrame.class, registryUrl());

        IncompatibleRecordTypeException e = catchThrowableOfType(
                IncompatibleRecordTypeException.class, () -> deserializer.deserialize(topic, verdict));

        assertThat(e.reason()).isEqualTo(SerdeReason.INCOMPATIBLE_RECORD_TYPE);
        assertThat(e.failure().topic()).isEqualTo(topic);
        assertThat(e)
                .hasMessageContaining(FrameVerdict.getClassSchema().getFullName())
                .hasMessageContaining(CameraFrame.getClassSchema().getFullName());
        // the right reader still reads it: the bytes were fine, only the type was wrong
        assertThat(deserializer(FrameVerdict.class, registryUrl()).deserialize(topic, verdict))
                .isEqualTo(ContractSamples.frameVerdicts().get(0));
    }

    @Test
    void registryRefusesAnotherTypeOnABackwardSubject() {
        // Apicurio's default level is NONE, which would accept it; the subject is set explicitly.
        // Apicurio answers this 409 with error_code 0 (Confluent: 409); the serde goes by the status.
        String topic = uniqueTopic("backward");
        String url = registryUrl();
        SpecificAvroSerializer<SpecificRecord> serializer = serializer(url);
        serializer.serialize(topic, ContractSamples.frameVerdicts().get(0));
        new RestSchemaRegistryClient(RegistrySettings.of(url))
                .setCompatibility(topic + "-value", CompatibilityLevel.BACKWARD);

        assertThatThrownBy(() -> serializer.serialize(
                        topic, ContractSamples.cameraFrames().get(0)))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SerdeReason.INCOMPATIBLE_SCHEMA);
                    assertThat(e.failure().topic()).isEqualTo(topic);
                });
    }

    @Test
    void registryDownIsReportedAfterTheConfiguredRetries() throws IOException {
        String url = "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7";
        Map<String, Object> config = Map.of(
                SerdeConfig.SCHEMA_REGISTRY_URL,
                url,
                SerdeConfig.SCHEMA_REGISTRY_RETRIES,
                2,
                SerdeConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MS,
                10L,
                SerdeConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MAX_MS,
                20L,
                SerdeConfig.SCHEMA_REGISTRY_REQUEST_TIMEOUT_MS,
                1_000);
        String topic = uniqueTopic("registry-down");
        SpecificAvroDeserializer<CameraFrame> deserializer = new SpecificAvroDeserializer<>(CameraFrame.class);
        deserializer.configure(config, false);
        SpecificAvroSerializer<CameraFrame> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);

        long started = System.nanoTime();
        RegistryUnavailableException read = catchThrowableOfType(
                RegistryUnavailableException.class,
                () -> deserializer.deserialize(topic, WireFormat.encode(1, new byte[] {0})));
        RegistryUnavailableException write = catchThrowableOfType(
                RegistryUnavailableException.class,
                () -> serializer.serialize(topic, ContractSamples.cameraFrames().get(0)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        for (RegistryUnavailableException e : List.of(read, write)) {
            assertThat(e.reason()).isEqualTo(SerdeReason.REGISTRY_UNAVAILABLE);
            assertThat(e.failure().topic()).isEqualTo(topic);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.urls()).containsExactly(url);
            assertThat(e).hasMessageContaining(topic);
        }
        assertThat(read.failure().schemaId()).isEqualTo(1);
        assertThat(took)
                .as("two calls of three refused connections and 30 ms of backoff")
                .isLessThan(Duration.ofSeconds(10));
    }

    private static String registryUrl() {
        return EmbeddedSchemaRegistry.shared().confluentApiUrl();
    }

    private static <T extends SpecificRecord> SpecificAvroDeserializer<T> deserializer(Class<T> type, String url) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type);
        deserializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url), false);
        return deserializer;
    }

    private static <T extends SpecificRecord> SpecificAvroSerializer<T> serializer(String url) {
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url), false);
        return serializer;
    }

    /** A loopback port nothing listens on: bound once to find it, then released. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String uniqueTopic(String what) {
        return "it.bad-input." + what + "." + UUID.randomUUID();
    }
}
