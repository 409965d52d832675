package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contract type through the project's serde, the real schema registry and the real broker:
 * written by a transactional producer, read back with {@code isolation.level=read_committed}.
 * Each type first goes through an aborted transaction, which a read_committed reader must never
 * see, then through a committed one with records that set every optional field and records that
 * leave them null.
 */
class ContractRoundTripIT {

    private static final int PARTITIONS = 3;
    private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(60);

    /** One record type: its class, sample records and how its topic is keyed (see topics.md). */
    record Contract<T extends SpecificRecord>(Class<T> type, List<T> samples, Function<T, byte[]> key) {
        @Override
        public String toString() {
            return type.getSimpleName();
        }
    }

    static Stream<Contract<?>> contracts() {
        return Stream.of(
                new Contract<>(CameraFrame.class, ContractSamples.cameraFrames(), r -> utf8(r.getCameraId())),
                new Contract<>(FrameVerdict.class, ContractSamples.frameVerdicts(), r -> utf8(r.getCameraId())),
                new Contract<>(DefectRegion.class, ContractSamples.defectRegions(), r -> utf8(r.getCameraId())),
                new Contract<>(FrameExplanation.class, ContractSamples.frameExplanations(), r -> utf8(r.getCameraId())),
                new Contract<>(LineAlert.class, ContractSamples.lineAlerts(), r -> utf8(r.getScopeId())),
                new Contract<>(
                        RejectedFrame.class,
                        ContractSamples.rejectedFrames(),
                        r -> r.getOriginalKey() == null ? null : bytes(r.getOriginalKey())),
                new Contract<>(
                        CalibrationCommand.class, ContractSamples.calibrationCommands(), r -> utf8(r.getCameraId())),
                new Contract<>(
                        ReferenceProfile.class,
                        ContractSamples.referenceProfiles(),
                        r -> utf8(
                                r.getProductId() == null
                                        ? r.getCameraId()
                                        : r.getCameraId() + "/" + r.getProductId())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    <T extends SpecificRecord> void roundTripsThroughRegistryAndBroker(Contract<T> contract) {
        KafkaCluster kafka = TestKafka.shared();
        String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
        String topic =
                "it.contract." + contract.type().getSimpleName().toLowerCase(Locale.ROOT) + "." + UUID.randomUUID();
        kafka.createTopic(topic, PARTITIONS);

        produceAbortedThenCommitted(kafka, registryUrl, topic, contract);
        List<ConsumerRecord<byte[], T>> read = consumeCommitted(kafka, registryUrl, topic, contract);

        assertThat(read).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(contract.samples());
        for (ConsumerRecord<byte[], T> record : read) {
            byte[] expectedKey = contract.key().apply(record.value());
            assertThat(record.key()).isEqualTo(expectedKey);
            if (expectedKey != null) {
                assertThat(record.partition())
                        .as("murmur2 partition of the key")
                        .isEqualTo(Utils.toPositive(Utils.murmur2(expectedKey)) % PARTITIONS);
            }
        }
        assertRegisteredSchemaIsTheClassSchema(registryUrl, topic, contract.type());
    }

    private static <T extends SpecificRecord> void produceAbortedThenCommitted(
            KafkaCluster kafka, String registryUrl, String topic, Contract<T> contract) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-contract-" + UUID.randomUUID());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        SpecificAvroSerializer<T> serializer = new SpecificAvroSerializer<>();
        serializer.configure(registryConfig(registryUrl), false);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), serializer)) {
            producer.initTransactions();

            producer.beginTransaction();
            for (T sample : contract.samples()) {
                producer.send(new ProducerRecord<>(topic, contract.key().apply(sample), sample));
            }
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            for (T sample : contract.samples()) {
                producer.send(new ProducerRecord<>(topic, contract.key().apply(sample), sample));
            }
            producer.commitTransaction();
        }
    }

    private static <T extends SpecificRecord> List<ConsumerRecord<byte[], T>> consumeCommitted(
            KafkaCluster kafka, String registryUrl, String topic, Contract<T> contract) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(contract.type());
        deserializer.configure(registryConfig(registryUrl), false);
        List<ConsumerRecord<byte[], T>> read = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), deserializer)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // the aborted records sit before the committed ones in each partition, so a reader that
            // showed them would have them among its first records; then drain to the end
            await().atMost(CONSUME_TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.size() >= contract.samples().size();
            });
            // end offsets only now: the coordinator writes the commit markers after commitTransaction returns
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(CONSUME_TIMEOUT).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return read;
    }

    private static void assertRegisteredSchemaIsTheClassSchema(String registryUrl, String topic, Class<?> type) {
        SchemaRegistryClient client = new RestSchemaRegistryClient(RegistrySettings.of(registryUrl));
        RegisteredSchema latest = client.latestVersion(topic + "-value");
        assertThat(latest.version())
                .as("one version: the aborted and committed writes share it")
                .isEqualTo(1);
        assertThat(new Schema.Parser().parse(latest.schema()))
                .isEqualTo(SpecificData.get().getSchema(type));
    }

    private static Map<String, Object> registryConfig(String registryUrl) {
        return Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
