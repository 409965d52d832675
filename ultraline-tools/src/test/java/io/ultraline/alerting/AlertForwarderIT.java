package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import io.ultraline.serde.AvroSerdes;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code alerts forward} and {@code alerts tail} on the embedded broker and registry, against a
 * local webhook that fails some requests and checks every signature: retries, dead letters, exactly
 * one accepted request per idempotency key, a restart that resumes from the committed offset, and
 * a webhook URL whose tokens never reach the log.
 */
class AlertForwarderIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] SIGNING_SECRET = "it-signing-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    /** Webhook URLs carry tokens like these; none may reach a log line. */
    private static final String SECRET_PATH = "/T0001/B0002/secretpathtoken?token=secretquerytoken";

    private final KafkaCluster kafka = TestKafka.shared();
    private final Map<String, Object> serdeConfig = Map.of(
            SerdeConfig.SCHEMA_REGISTRY_URL, EmbeddedSchemaRegistry.shared().confluentApiUrl());
    private final String run = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String alertsTopic = run + Topics.ALERTS;
    private final String deadLetterTopic = run + Topics.ALERTS_DLQ;
    private final List<AlertForwarder> forwarders = new ArrayList<>();
    private WebhookReceiver receiver;
    private KafkaProducer<String, LineAlert> producer;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        kafka.createTopic(alertsTopic, 2);
        kafka.createTopic(deadLetterTopic, 1);
        receiver = new WebhookReceiver();
        receiver.verifySignaturesWith(SIGNING_SECRET);
        logs.start();
        rootLogger().addAppender(logs);
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(
                props,
                new StringSerializer(),
                AvroSerdes.specific(LineAlert.class, serdeConfig).serializer());
    }

    @AfterEach
    void stop() throws Exception {
        for (AlertForwarder f : forwarders) {
            f.stop();
            f.awaitStopped(Duration.ofSeconds(30));
        }
        rootLogger().detachAppender(logs);
        if (producer != null) {
            producer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void deliversEachAlertOnceRetriesFlakyOnesAndDeadLettersTheRest() throws Exception {
        Map<String, LineAlert> sent = new LinkedHashMap<>();
        for (int cam = 1; cam <= 3; cam++) {
            String id = "camera-defects/cam-" + cam + "/line.frames-0-" + cam;
            sent.put(id + ":OPEN", TestAlerts.alert(id, "cam-" + cam, AlertState.OPEN, 0));
            sent.put(id + ":CLEARED", TestAlerts.alert(id, "cam-" + cam, AlertState.CLEARED, 10));
        }
        sent.put("flaky:OPEN", TestAlerts.alert("flaky", "cam-4", AlertState.OPEN, 0));
        sent.put("flaky:CLEARED", TestAlerts.alert("flaky", "cam-4", AlertState.CLEARED, 5));
        sent.put("hopeless:OPEN", TestAlerts.alert("hopeless", "cam-5", AlertState.OPEN, 0));
        sent.put("refused:OPEN", TestAlerts.alert("refused", "cam-6", AlertState.OPEN, 0));
        receiver.behaviour((key, attempt) -> {
            if (key.startsWith("flaky:")) {
                return attempt <= 2 ? 503 : 200;
            }
            if (key.startsWith("hopeless:")) {
                return 500;
            }
            return key.startsWith("refused:") ? 422 : 204;
        });
        for (LineAlert alert : sent.values()) {
            send(alert);
        }
        try (KafkaProducer<byte[], byte[]> raw =
                new KafkaProducer<>(kafka.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(
                            alertsTopic,
                            "cam-7".getBytes(StandardCharsets.UTF_8),
                            "not a LineAlert".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }

        AlertForwarder forwarder = startForwarder("forward-" + run);
        await().atMost(TIMEOUT).until(() -> forwarder.delivered() == 8 && forwarder.deadLettered() == 3);

        Map<String, Integer> expected = new HashMap<>();
        sent.keySet().stream()
                .filter(k -> !k.startsWith("hopeless") && !k.startsWith("refused"))
                .forEach(k -> expected.put(k, 1));
        assertThat(receiver.acceptedCounts())
                .as("2xx answers per idempotency key")
                .isEqualTo(expected);
        assertThat(receiver.attempts("flaky:OPEN")).isEqualTo(3);
        assertThat(receiver.attempts("flaky:CLEARED")).isEqualTo(3);
        assertThat(receiver.attempts("hopeless:OPEN")).isEqualTo(MAX_ATTEMPTS);
        assertThat(receiver.attempts("refused:OPEN")).as("422 is not retried").isEqualTo(1);
        for (WebhookReceiver.Request request : receiver.log()) {
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).isEqualTo(AlertJson.toJson(sent.get(request.idempotencyKey())));
            assertThat(request.signature())
                    .as("signature of " + request.idempotencyKey())
                    .isEqualTo("valid");
        }
        assertThat(logs.list)
                .as("log lines of this test")
                .isNotEmpty()
                .anyMatch(e -> e.getFormattedMessage().contains("Forwarding " + alertsTopic))
                .noneMatch(e -> e.getFormattedMessage().contains("secret"));

        Map<String, JsonNode> deadLetters = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(deadLetterTopic, 3)) {
            JsonNode json = MAPPER.readTree(r.value());
            deadLetters.put(
                    json.get("idempotencyKey").isNull()
                            ? "undecodable"
                            : json.get("idempotencyKey").asText(),
                    json);
            assertThat(r.key()).startsWith("cam-");
        }
        assertThat(deadLetters).containsOnlyKeys("hopeless:OPEN", "refused:OPEN", "undecodable");
        JsonNode hopeless = deadLetters.get("hopeless:OPEN");
        assertThat(hopeless.get("reason").asText()).isEqualTo("HTTP_500");
        assertThat(hopeless.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(hopeless.get("record").get("topic").asText()).isEqualTo(alertsTopic);
        assertThat(hopeless.get("alert")).isEqualTo(MAPPER.readTree(AlertJson.toJson(sent.get("hopeless:OPEN"))));
        assertThat(deadLetters.get("refused:OPEN").get("attempts").asInt()).isEqualTo(1);
        assertThat(deadLetters.get("undecodable").get("reason").asText()).startsWith("UNDECODABLE");

        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("forward-" + run)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            long committedTotal = committed.values().stream()
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
            assertThat(committedTotal).as("every record committed").isEqualTo(sent.size() + 1);
        }

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        AlertTail tail = new AlertTail(
                kafka.clientConfig(),
                serdeConfig,
                alertsTopic,
                true,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        Thread tailThread = new Thread(tail, "alerts-tail");
        tailThread.start();
        try {
            await().atMost(TIMEOUT)
                    .until(() ->
                            printed.toString(StandardCharsets.UTF_8).lines().count() == 11);
        } finally {
            tail.stop();
            assertThat(tail.awaitStopped(Duration.ofSeconds(30))).isTrue();
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).anyMatch(l -> l.contains("OPEN") && l.contains("CAMERA cam-4") && l.endsWith("id=flaky"));
        assertThat(lines).anyMatch(l -> l.contains("CLEARED") && l.contains("0/4 defective"));
        assertThat(lines).anyMatch(l -> l.startsWith("(undecodable record at " + alertsTopic));
    }

    @Test
    void aRestartedForwarderResumesFromTheCommittedOffset() throws Exception {
        List<LineAlert> alerts = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            LineAlert alert = TestAlerts.alert("r-" + i, "cam-9", AlertState.OPEN, i);
            alerts.add(alert);
            offsets.add(send(alert).offset());
        }
        String held = "r-3:OPEN";
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        receiver.behaviour((key, attempt) -> {
            if (key.equals(held) && attempt == 1) {
                arrived.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return 200;
        });
        String group = "resume-" + run;

        AlertForwarder first = startForwarder(group);
        assertThat(arrived.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        first.stop();
        release.countDown();
        assertThat(first.awaitStopped(Duration.ofSeconds(60))).isTrue();

        List<String> beforeRestart = keys(receiver.log());
        assertThat(beforeRestart)
                .as("the first forwarder stopped after the request in flight")
                .containsExactly("r-0:OPEN", "r-1:OPEN", "r-2:OPEN", "r-3:OPEN");
        int partition =
                send(TestAlerts.alert("probe", "cam-9", AlertState.CLEARED, 0)).partition();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(alertsTopic, partition));
            assertThat(committed).as("offset committed by the first forwarder").isNotNull();
            assertThat(committed.offset())
                    .as("committed after the request in flight was accepted")
                    .isEqualTo(offsets.get(3) + 1);
        }

        AlertForwarder second = startForwarder(group);
        await().atMost(TIMEOUT).until(() -> second.delivered() == 5);
        List<String> afterRestart = keys(receiver.log())
                .subList(beforeRestart.size(), receiver.log().size());
        assertThat(afterRestart)
                .as("the second forwarder starts at the committed offset")
                .containsExactly("r-4:OPEN", "r-5:OPEN", "r-6:OPEN", "r-7:OPEN", "probe:CLEARED");
        assertThat(receiver.acceptedCounts().values()).hasSize(9).containsOnly(1);
    }

    @Test
    void aStopDuringBackoffLeavesThatAlertUncommittedAndTheNextForwarderPostsIt() throws Exception {
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            offsets.add(send(TestAlerts.alert("s-" + i, "cam-8", AlertState.OPEN, i))
                    .offset());
        }
        CountDownLatch failedOnce = new CountDownLatch(1);
        receiver.behaviour((key, attempt) -> {
            if (key.equals("s-1:OPEN") && attempt == 1) {
                failedOnce.countDown();
                return 503;
            }
            return 200;
        });
        String group = "backoff-" + run;
        AlertForwarder first = startForwarder(group, Duration.ofMinutes(5));
        assertThat(failedOnce.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        long stopAt = System.nanoTime();
        first.stop();
        assertThat(first.awaitStopped(Duration.ofSeconds(30))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt))
                .as("the 5-minute backoff was cut short")
                .isLessThan(Duration.ofSeconds(20));
        int partition =
                send(TestAlerts.alert("probe", "cam-8", AlertState.CLEARED, 0)).partition();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(alertsTopic, partition));
            assertThat(committed).isNotNull();
            assertThat(committed.offset())
                    .as("s-0 committed, s-1 (in backoff) not")
                    .isEqualTo(offsets.get(1));
        }
        int before = receiver.log().size();

        AlertForwarder second = startForwarder(group);
        await().atMost(TIMEOUT).until(() -> second.delivered() == 3);
        assertThat(keys(receiver.log()).subList(before, receiver.log().size()))
                .containsExactly("s-1:OPEN", "s-2:OPEN", "probe:CLEARED");
        assertThat(receiver.attempts("s-1:OPEN")).isEqualTo(2);
        assertThat(receiver.acceptedCounts().values()).hasSize(4).containsOnly(1);
    }

    private AlertForwarder startForwarder(String group) {
        return startForwarder(group, Duration.ofMillis(20));
    }

    private AlertForwarder startForwarder(String group, Duration backoff) {
        ForwarderConfig config = new ForwarderConfig(
                kafka.clientConfig(),
                serdeConfig,
                alertsTopic,
                deadLetterTopic,
                group,
                "earliest",
                receiver.url(SECRET_PATH),
                new WebhookRetryPolicy(MAX_ATTEMPTS, backoff, backoff.multipliedBy(5)),
                Duration.ofSeconds(30),
                Optional.of(new WebhookSigner(SIGNING_SECRET)));
        AlertForwarder forwarder = AlertForwarder.create(config);
        forwarders.add(forwarder);
        Thread thread = new Thread(forwarder, "alert-forwarder-" + forwarders.size());
        thread.setDaemon(true);
        thread.start();
        return forwarder;
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private RecordMetadata send(LineAlert alert) throws Exception {
        return producer.send(new ProducerRecord<>(alertsTopic, alert.getScopeId(), alert))
                .get(30, TimeUnit.SECONDS);
    }

    private static List<String> keys(List<WebhookReceiver.Request> log) {
        return log.stream().map(WebhookReceiver.Request::idempotencyKey).toList();
    }

    private List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        return StringTopicReads.readAll(kafka, topic, expected, TIMEOUT);
    }
}
