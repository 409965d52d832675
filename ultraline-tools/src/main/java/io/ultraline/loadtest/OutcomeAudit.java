package io.ultraline.loadtest;

import io.ultraline.avro.SourceRef;
import io.ultraline.stream.CommittedReads;
import io.ultraline.stream.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A fresh read_committed read of an output topic from the beginning to its last stable offsets,
 * after the run: the source offsets ({@link AcknowledgedOffsets#key}) of every record, duplicates kept.
 */
final class OutcomeAudit {

    private OutcomeAudit() {}

    static <K, V> List<Long> sources(
            Map<String, Object> clientConfig,
            Topic<K, V> topic,
            int partitions,
            Function<V, SourceRef> source,
            Duration timeout) {
        List<Long> out = new ArrayList<>();
        for (ConsumerRecord<K, V> r : CommittedReads.toLastStableOffsets(clientConfig, topic, partitions, timeout)) {
            SourceRef s = source.apply(r.value());
            out.add(AcknowledgedOffsets.key(s.getPartition(), s.getOffset()));
        }
        return out;
    }
}
