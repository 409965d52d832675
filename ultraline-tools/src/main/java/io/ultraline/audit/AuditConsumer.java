package io.ultraline.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The audit's only access to Kafka: one consumer that reads raw bytes with {@code assign()}, no group
 * id and no offset commits, under read_committed, so an audit leaves no trace on the cluster and sees
 * exactly what the pipeline's downstream consumers see. It has no producer: an audit writes nothing.
 */
final class AuditConsumer implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * Offsets {@code [start, end)} of one partition, whose records currently span {@code [first, last)}
     * (retention start to last stable offset).
     */
    record Range(TopicPartition partition, long start, long end, long first, long last) {
        boolean contains(long offset) {
            return offset >= start && offset < end;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;

    AuditConsumer(Map<String, Object> clientConfig) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ultraline-audit");
        c.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        c.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The partitions of a topic, in order; fails when the topic does not exist. */
    List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist or has no partitions");
        }
        return infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
    }

    /**
     * Per partition, the offsets whose records have timestamps from {@code from} (inclusive) to
     * {@code to} (exclusive) by {@code offsetsForTimes}; a bound past the last record is the last
     * stable offset.
     */
    List<Range> ranges(String topic, Instant from, Instant to) {
        List<TopicPartition> parts = partitions(topic);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, TIMEOUT);
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(parts, TIMEOUT);
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times(parts, from), TIMEOUT);
        Map<TopicPartition, OffsetAndTimestamp> ends = consumer.offsetsForTimes(times(parts, to), TIMEOUT);
        List<Range> out = new ArrayList<>();
        for (TopicPartition tp : parts) {
            long last = end.get(tp);
            long s = starts.get(tp) == null
                    ? last
                    : Math.max(beginning.get(tp), starts.get(tp).offset());
            long e = ends.get(tp) == null ? last : Math.min(last, ends.get(tp).offset());
            out.add(new Range(tp, s, Math.max(s, e), beginning.get(tp), last));
        }
        return out;
    }

    /** Every record of the topic from the first with a timestamp at or after {@code from} to the last stable offset. */
    List<ConsumerRecord<byte[], byte[]>> readFrom(String topic, Instant from) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (Range r : ranges(topic, from, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            read(r, out::add);
        }
        return out;
    }

    /**
     * Hands every record of {@code [range.start, range.end)} to {@code sink} in offset order, then keeps
     * reading while {@code more} says so (for batches that run past the range), up to the last
     * stable offset.
     */
    void read(Range range, Consumer<ConsumerRecord<byte[], byte[]>> sink, java.util.function.BooleanSupplier more) {
        TopicPartition tp = range.partition();
        long last = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
        consumer.assign(List.of(tp));
        consumer.seek(tp, range.start());
        while (consumer.position(tp, TIMEOUT) < last
                && (consumer.position(tp, TIMEOUT) < range.end() || more.getAsBoolean())) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (r.offset() >= last || r.offset() >= range.end() && !more.getAsBoolean()) {
                    break;
                }
                sink.accept(r);
            }
        }
        consumer.assign(List.of());
    }

    void read(Range range, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        read(range, sink, () -> false);
    }

    private static Map<TopicPartition, Long> times(List<TopicPartition> parts, Instant at) {
        Map<TopicPartition, Long> out = new HashMap<>();
        parts.forEach(tp -> out.put(tp, at.toEpochMilli()));
        return out;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
