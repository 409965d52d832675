package io.ultraline.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Runs against whichever cluster {@code ultraline.kafka} selects. */
class TestKafkaIT {

    @Test
    void sharedClusterCarriesRecordsAndSurvivesClose() throws Exception {
        String topic = "it.shared." + UUID.randomUUID();
        try (KafkaCluster kafka = TestKafka.shared()) {
            kafka.createTopic(topic, 1);
            try (var producer =
                    new KafkaProducer<>(kafka.clientConfig(), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "camera-1", "frame-1"))
                        .get();
            }
        }
        // closing the shared handle must leave the cluster running for the next test
        assertThat(TestKafka.shared()).isSameAs(TestKafka.shared());
        Map<String, Object> config = new HashMap<>(TestKafka.shared().clientConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
        }
        assertThat(values).containsExactly("frame-1");
    }
}
