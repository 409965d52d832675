package io.ultraline.loadtest;

import io.ultraline.avro.SourceRef;
import io.ultraline.stream.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A fresh read_committed read of an output topic from the beginning to its last stable offsets,
 * after the run: the source offsets ({@link Produced#key}) of every record, duplicates kept.
 */
final class OutcomeAudit {

    private OutcomeAudit() {
    }

    static <K, V> List<Long> sources(Map<String, Object> clientConfig, Topic<K, V> topic, int partitions,
            Function<V, SourceRef> source, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Long> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("audit of " + topic.name() + " did not reach the last stable offsets "
                            + end + " within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    SourceRef s = source.apply(r.value());
                    out.add(Produced.key(s.getPartition(), s.getOffset()));
                }
            }
        }
        return out;
    }
}
