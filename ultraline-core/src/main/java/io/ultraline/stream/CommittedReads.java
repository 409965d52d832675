package io.ultraline.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic the way a downstream consumer sees it: read_committed, from the beginning to the
 * last stable offsets, with no group and no commits. For exactly-once checks after a run (the load
 * test, the failure-injection tests).
 */
public final class CommittedReads {

    private CommittedReads() {}

    /**
     * {@code clientConfig} for a consumer that reads as a downstream consumer does: read_committed,
     * no group and no commits (it assigns its partitions itself).
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /**
     * Every committed record of the topic's partitions 0..partitions-1, in partition order.
     *
     * @throws IllegalStateException when the last stable offsets are not reached within {@code timeout}
     */
    public static <K, V> List<ConsumerRecord<K, V>> toLastStableOffsets(
            Map<String, Object> clientConfig, Topic<K, V> topic, int partitions, Duration timeout) {
        Map<String, Object> config = consumerConfig(clientConfig);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(
                config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            // under read_committed these are the last stable offsets
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic.name() + " did not reach the last stable "
                            + "offsets " + end + " within " + timeout.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
