package io.ultraline.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class EmbeddedKafkaIT {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaIT.class);
    private static final String TOPIC = "it.frames";
    private static final int PARTITIONS = 3;
    private static final int PER_TRANSACTION = 6;

    @Test
    void onlyCommittedRecordsAreReadAndSurviveRestart() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        Path dataDir = kafka.dataDir();
        try (kafka) {
            long began = System.nanoTime();
            kafka.start();
            LOG.info("start-up took {} ms", millisSince(began));
            String bootstrap = kafka.bootstrapServers();
            String clusterId = kafka.clusterId();
            kafka.createTopic(TOPIC, PARTITIONS);

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();
                producer.beginTransaction();
                sendBatch(producer, "aborted");
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                sendBatch(producer, "committed");
                producer.commitTransaction();
            }
            List<String> expected = IntStream.range(0, PER_TRANSACTION)
                    .mapToObj(i -> "committed-" + i)
                    .toList();
            assertThat(readAll(kafka, "read_committed")).containsExactlyInAnyOrderElementsOf(expected);
            // the aborted batch really reached the log; read_committed filtered it
            assertThat(readAll(kafka, "read_uncommitted")).hasSize(2 * PER_TRANSACTION);

            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            began = System.nanoTime();
            kafka.start();
            LOG.info("restart took {} ms", millisSince(began));

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(kafka.clusterId()).isEqualTo(clusterId);
            assertThat(describeTopic(kafka).partitions()).hasSize(PARTITIONS);
            assertThat(readAll(kafka, "read_committed")).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void givenDirectoryIsFormattedOnceAndKeptOnClose(@TempDir Path tmp) {
        Path dir = tmp.resolve("kafka");
        String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDir(dir).build().start()) {
            first.createTopic(TOPIC, 1);
            clusterId = first.clusterId();
        }
        assertThat(dir.resolve("meta.properties")).isRegularFile();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDir(dir).build().start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(describeTopic(second).partitions()).hasSize(1);
        }
        assertThat(dir).isDirectory();
    }

    @Test
    void saslPlainListenerAcceptsKnownUsersOnly() throws Exception {
        BrokerListener sasl = BrokerListener.saslPlain(0, Map.of("camera", "camera-secret"));
        try (EmbeddedKafka kafka =
                EmbeddedKafka.builder().listener(sasl).build().start()) {
            Map<String, Object> good = saslConfig(kafka, "camera", "camera-secret");
            try (Admin admin = Admin.create(good)) {
                assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .hasSize(1);
            }
            Map<String, Object> bad = saslConfig(kafka, "camera", "wrong");
            try (Admin admin = Admin.create(bad)) {
                assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    private static Map<String, Object> saslConfig(EmbeddedKafka kafka, String user, String password) {
        Map<String, Object> config = new HashMap<>(BrokerListener.saslPlainClientConfig(user, password));
        config.put("bootstrap.servers", kafka.bootstrapServers(BrokerListener.SASL_PLAIN));
        return config;
    }

    private static KafkaProducer<String, String> transactionalProducer(KafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void sendBatch(KafkaProducer<String, String> producer, String prefix) {
        for (int i = 0; i < PER_TRANSACTION; i++) {
            producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, "key-" + i, prefix + "-" + i));
        }
    }

    /** Reads every partition from the start up to its end offset (the LSO under read_committed). */
    private static List<String> readAll(KafkaCluster kafka, String isolation) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(TOPIC, p))
                .toList();
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return values;
    }

    private static TopicDescription describeTopic(KafkaCluster kafka) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            return admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(TOPIC);
        } catch (Exception e) {
            throw new AssertionError("Cannot describe " + TOPIC, e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
