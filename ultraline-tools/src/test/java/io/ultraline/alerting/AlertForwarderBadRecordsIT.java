package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.AvroSerdes;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.serde.WireFormat;
import io.ultraline.stream.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records the forwarder cannot decode, on the embedded broker and registry: each is dead-lettered
 * with its reason and bytes and the forwarder goes on; a registry outage dead-letters nothing and
 * commits nothing until the registry is back; a dead letter that cannot be written stops the
 * forwarder before it commits past that record.
 */
class AlertForwarderBadRecordsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KEY = "cam-bad";
    private static final int INVALID_DEFAULT_ID = 987_001;

    private final KafkaCluster kafka = TestKafka.shared();
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String alertsTopic = run + Topics.ALERTS;
    private final String deadLetterTopic = run + Topics.ALERTS_DLQ;
    private final List<AlertForwarder> forwarders = new ArrayList<>();
    private final AtomicReference<Throwable> crashed = new AtomicReference<>();
    private WebhookReceiver receiver;
    private RegistryProxy registry;
    private KafkaProducer<byte[], byte[]> raw;

    @BeforeEach
    void start() throws Exception {
        kafka.createTopic(alertsTopic, 1);
        kafka.createTopic(deadLetterTopic, 1);
        receiver = new WebhookReceiver();
        registry = new RegistryProxy(registryUrl);
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        raw = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() throws Exception {
        for (AlertForwarder f : forwarders) {
            f.stop();
            f.awaitStopped(Duration.ofSeconds(30));
        }
        raw.close();
        receiver.close();
        registry.close();
    }

    @Test
    void everyUndecodableRecordIsDeadLetteredWithItsReasonAndBytesAndTheForwarderGoesOn() throws Exception {
        byte[] good = alertBytes(TestAlerts.alert("good", KEY, AlertState.OPEN, 0));
        List<BadRecord> bad = new ArrayList<>();
        bad.add(new BadRecord("NULL_VALUE", null));
        bad.add(new BadRecord("MISSING_MAGIC_BYTE", "not a LineAlert".getBytes(StandardCharsets.UTF_8)));
        bad.add(new BadRecord("UNKNOWN_SCHEMA_ID", WireFormat.encode(987_654, new byte[] {2, 'x'})));
        bad.add(new BadRecord(
                "INCOMPATIBLE_RECORD_TYPE",
                AvroSerdes.specific(ModelStamp.class, serdeConfig)
                        .serializer()
                        .serialize(run + "stamps", new ModelStamp("line-vit", "1.0.0", "ab12"))));
        bad.add(new BadRecord("TRUNCATED_PAYLOAD", Arrays.copyOf(good, good.length - 3)));
        bad.add(new BadRecord("CORRUPT_PAYLOAD", concat(good, new byte[] {1, 2, 3})));
        // Apicurio refuses this schema, Confluent's registry stores it; Avro then throws AvroTypeException
        registry.serve(
                INVALID_DEFAULT_ID,
                "{\"type\":\"record\",\"name\":\"LineAlert\",\"namespace\":"
                        + "\"io.ultraline.avro\",\"fields\":[{\"name\":\"alertId\",\"type\":\"int\","
                        + "\"default\":\"not a number\"}]}");
        bad.add(new BadRecord("DECODER_FAILED", WireFormat.encode(INVALID_DEFAULT_ID, new byte[] {2})));
        // near the alerts topic's 1 MiB limit: its dead letter must keep a bounded prefix to fit the DLQ's
        bad.add(new BadRecord("CORRUPT_PAYLOAD", concat(good, new byte[900_000])));
        for (BadRecord record : bad) {
            send(record.value());
        }
        send(good);

        AlertForwarder forwarder =
                startForwarder("bad-" + run, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), deadLetterTopic);
        await().atMost(TIMEOUT).until(() -> forwarder.delivered() == 1 || crashed.get() != null);

        assertThat(crashed.get()).as("the forwarder kept running").isNull();
        assertThat(forwarder.deadLettered()).isEqualTo(bad.size());
        assertThat(receiver.acceptedCounts()).containsOnlyKeys("good:OPEN");
        List<JsonNode> letters = new ArrayList<>();
        for (ConsumerRecord<String, String> r : readAll(deadLetterTopic, bad.size())) {
            letters.add(MAPPER.readTree(r.value()));
            assertThat(r.key()).isEqualTo(KEY);
        }
        for (int i = 0; i < bad.size(); i++) {
            JsonNode letter = letters.get(i);
            byte[] original = bad.get(i).value();
            assertThat(letter.get("reason").asText())
                    .as("dead letter %d", i)
                    .startsWith("UNDECODABLE: " + bad.get(i).code() + ": ");
            assertThat(letter.get("record").get("offset").asLong()).isEqualTo(i);
            assertThat(letter.get("alert").isNull()).isTrue();
            if (original == null) {
                assertThat(letter.get("valueBase64").isNull()).isTrue();
            } else {
                byte[] kept =
                        Base64.getDecoder().decode(letter.get("valueBase64").asText());
                assertThat(kept)
                        .isEqualTo(
                                Arrays.copyOf(original, Math.min(original.length, DeadLetterJson.MAX_ORIGINAL_BYTES)));
                assertThat(letter.get("valueBytes").asInt()).isEqualTo(original.length);
                assertThat(letter.get("valueTruncated").asBoolean()).isEqualTo(original.length > kept.length);
            }
        }
        assertThat(committed("bad-" + run)).as("every record committed").isEqualTo(bad.size() + 1);
    }

    @Test
    void aRegistryOutageNeitherDeadLettersNorCommitsAndTheAlertGoesOutOnceTheRegistryIsBack() throws Exception {
        send(alertBytes(TestAlerts.alert("during-outage", KEY, AlertState.OPEN, 0)));
        registry.down(true);
        Map<String, Object> viaProxy =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url(), SerdeConfig.SCHEMA_REGISTRY_RETRIES, 0);
        AlertForwarder forwarder = startForwarder("outage-" + run, viaProxy, deadLetterTopic);

        await().atMost(TIMEOUT).until(() -> forwarder.registryWaits() >= 3 || crashed.get() != null);
        assertThat(crashed.get()).as("the forwarder kept running").isNull();
        assertThat(registry.refused()).isGreaterThanOrEqualTo(3);
        assertThat(forwarder.deadLettered()).isZero();
        assertThat(forwarder.delivered()).isZero();
        assertThat(committed("outage-" + run))
                .as("nothing committed during the outage")
                .isZero();

        registry.down(false);
        await().atMost(TIMEOUT).until(() -> forwarder.delivered() == 1);
        assertThat(forwarder.deadLettered()).isZero();
        assertThat(crashed.get()).isNull();
        await().atMost(TIMEOUT).until(() -> committed("outage-" + run) == 1);
    }

    @Test
    void aDeadLetterThatCannotBeWrittenStopsTheForwarderBeforeItCommitsPastTheRecord() throws Exception {
        String tinyDlq = run + "tiny.dlq";
        kafka.createTopics(List.of(new NewTopic(tinyDlq, 1, (short) 1).configs(Map.of("max.message.bytes", "100"))));
        send("not a LineAlert".getBytes(StandardCharsets.UTF_8));
        send(alertBytes(TestAlerts.alert("after-the-bad-one", KEY, AlertState.OPEN, 0)));
        String group = "dlq-" + run;

        AlertForwarder first = startForwarder(group, serdeConfig, tinyDlq);
        assertThat(first.awaitStopped(TIMEOUT))
                .as("the forwarder stopped by itself")
                .isTrue();
        // run() closes its clients (and counts stopped down) before the exception leaves the thread
        await().atMost(Duration.ofSeconds(10)).until(() -> crashed.get() != null);
        assertThat(crashed.get())
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining("Could not write a dead letter to " + tinyDlq);
        assertThat(first.deadLettered()).isZero();
        assertThat(first.delivered()).as("nothing after the record was handled").isZero();
        assertThat(committed(group)).as("not committed past the record").isZero();

        crashed.set(null);
        AlertForwarder second = startForwarder(group, serdeConfig, deadLetterTopic);
        await().atMost(TIMEOUT).until(() -> second.delivered() == 1);
        assertThat(second.deadLettered()).isEqualTo(1);
        assertThat(readAll(deadLetterTopic, 1).get(0).value()).contains("UNDECODABLE: MISSING_MAGIC_BYTE");
    }

    private record BadRecord(String code, byte[] value) {}

    private AlertForwarder startForwarder(String group, Map<String, Object> serde, String dlq) {
        ForwarderConfig config = new ForwarderConfig(
                kafka.clientConfig(),
                serde,
                alertsTopic,
                dlq,
                group,
                "earliest",
                receiver.url(),
                new WebhookRetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(200)),
                Duration.ofSeconds(30),
                Optional.empty());
        AlertForwarder forwarder = AlertForwarder.create(config);
        forwarders.add(forwarder);
        Thread thread = new Thread(forwarder, "alert-forwarder-" + forwarders.size());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> crashed.set(e));
        thread.start();
        return forwarder;
    }

    private byte[] alertBytes(LineAlert alert) {
        return AvroSerdes.specific(LineAlert.class, serdeConfig).serializer().serialize(alertsTopic, alert);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private void send(byte[] value) throws Exception {
        raw.send(new ProducerRecord<>(alertsTopic, KEY.getBytes(StandardCharsets.UTF_8), value))
                .get(30, TimeUnit.SECONDS);
    }

    private long committed(String group) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(alertsTopic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        return StringTopicReads.readAll(kafka, topic, expected, TIMEOUT);
    }
}
