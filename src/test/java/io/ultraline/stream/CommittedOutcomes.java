package io.ultraline.stream;

import io.ultraline.dev.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        return CommittedReads.toLastStableOffsets(kafka.clientConfig(), topic, partitions, Duration.ofSeconds(20));
    }
}
