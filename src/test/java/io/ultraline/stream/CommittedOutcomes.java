package io.ultraline.stream;

import io.ultraline.dev.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * What a read_committed consumer sees of the pipeline's outcomes: the source offsets
 * ({@code partition@offset} of line.frames) of every verdict and every dead letter, duplicates kept,
 * so a test can check "exactly one outcome per produced frame".
 */
record CommittedOutcomes(List<String> verdicts, List<String> deadLetters) {

    /** Reads both topics from the beginning up to their last stable offsets. */
    static CommittedOutcomes read(KafkaCluster kafka, PipelineTopics topics, int partitions) {
        List<String> verdicts = new ArrayList<>();
        readAll(kafka, topics.verdicts(), partitions).forEach(r -> verdicts.add(r.value().getSource().getPartition()
                + "@" + r.value().getSource().getOffset()));
        List<String> deadLetters = new ArrayList<>();
        readAll(kafka, topics.deadLetters(), partitions).forEach(r -> deadLetters.add(
                r.value().getSource().getPartition() + "@" + r.value().getSource().getOffset()));
        return new CommittedOutcomes(List.copyOf(verdicts), List.copyOf(deadLetters));
    }

    int size() {
        return verdicts.size() + deadLetters.size();
    }

    /** Verdicts and dead letters together. */
    List<String> all() {
        List<String> out = new ArrayList<>(verdicts);
        out.addAll(deadLetters);
        return out;
    }

    static <K, V> List<ConsumerRecord<K, V>> readAll(KafkaCluster kafka, Topic<K, V> topic, int partitions) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            // under read_committed these are the last stable offsets
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline
                    && !assigned.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
