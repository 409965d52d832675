package io.ultraline.app;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.stream.CommittedReads;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.Topic;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads records back from the pipeline's topics for a drill-down, within their retention: the
 * verdicts of a time range from line.verdicts and one frame from line.frames by its offset. Each
 * call uses its own short-lived consumer with no group (nothing is committed) and read_committed,
 * so it sees what the pipeline committed and nothing of an aborted batch. A drill-down is rare:
 * a consumer per call costs a connection, and no idle consumer is held between calls.
 */
@Singleton
final class TopicReadBack {

    /** How long one read-back may take; a drill-down that waits longer says so. */
    static final Duration DEADLINE = Duration.ofSeconds(15);
    /** How long after its frame's capture a verdict may be written: processing and batching delay. */
    static final Duration LATE = Duration.ofMinutes(2);

    private final Map<String, Object> clientConfig;
    private final PipelineTopics topics;
    private final int maxRecords;

    @Inject
    TopicReadBack(ServiceSettings settings, PipelineService pipeline, DashboardConfig dashboard) {
        this(settings.sideClientConfig(), pipeline.topics(), dashboard.readBackMax());
    }

    TopicReadBack(Map<String, Object> clientConfig, PipelineTopics topics, int maxRecords) {
        this.clientConfig = clientConfig;
        this.topics = topics;
        this.maxRecords = maxRecords;
    }

    /**
     * The committed verdicts captured in {@code [from, to]} that {@code wanted} accepts, oldest first,
     * from every partition of line.verdicts. Record timestamps are at or after their frame's capture,
     * so each partition is read up to the first record stamped {@link #LATE} after {@code to}, and
     * from at most {@code read-back-max} records before that: a window further back than that on a
     * busy partition comes back cut at its start.
     */
    List<FrameVerdict> verdicts(long from, long to, Predicate<FrameVerdict> wanted) {
        Topic<String, FrameVerdict> topic = topics.verdicts();
        List<FrameVerdict> out = new ArrayList<>();
        try (KafkaConsumer<String, FrameVerdict> consumer = consumer(topic)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name(), DEADLINE)
                    .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitions.forEach(p -> times.put(p, to + LATE.toMillis()));
            Map<TopicPartition, OffsetAndTimestamp> after = consumer.offsetsForTimes(times, DEADLINE);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, DEADLINE);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions, DEADLINE));
            List<TopicPartition> reading = new ArrayList<>();
            for (TopicPartition p : partitions) {
                if (after.get(p) != null) {
                    ends.put(p, after.get(p).offset());
                }
                long start = Math.max(begins.get(p), ends.get(p) - maxRecords);
                if (start < ends.get(p)) {
                    consumer.seek(p, start);
                    reading.add(p);
                }
            }
            consumer.assign(reading);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (!reading.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, FrameVerdict> r : consumer.poll(Duration.ofMillis(200))) {
                    FrameVerdict v = r.value();
                    TopicPartition p = new TopicPartition(r.topic(), r.partition());
                    if (v != null && r.offset() < ends.get(p) && in(v, from, to) && wanted.test(v)) {
                        out.add(v);
                    }
                }
                reading.removeIf(p -> consumer.position(p) >= ends.get(p));
                consumer.assign(reading);
            }
        }
        out.sort((a, b) -> a.getCaptureTimestamp().compareTo(b.getCaptureTimestamp()));
        return out;
    }

    private static boolean in(FrameVerdict v, long from, long to) {
        long capture = v.getCaptureTimestamp().toEpochMilli();
        return capture >= from && capture <= to;
    }

    /** The committed record at {@code offset} of line.frames' {@code partition}, if it is still there. */
    Optional<CameraFrame> frame(int partition, long offset) {
        Topic<String, CameraFrame> topic = topics.frames();
        TopicPartition p = new TopicPartition(topic.name(), partition);
        try (KafkaConsumer<String, CameraFrame> consumer = consumer(topic)) {
            consumer.assign(List.of(p));
            long end = consumer.endOffsets(List.of(p), DEADLINE).get(p);
            long begin = consumer.beginningOffsets(List.of(p), DEADLINE).get(p);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(p, offset);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < deadline && consumer.position(p) < end) {
                for (ConsumerRecord<String, CameraFrame> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.ofNullable(r.value());
                    }
                    if (r.offset() > offset) {
                        return Optional.empty(); // a transaction marker or an aborted record sat there
                    }
                }
            }
            return Optional.empty();
        }
    }

    private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
        Map<String, Object> config = CommittedReads.consumerConfig(clientConfig);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(
                config, new StringDeserializer(), topic.valueSerde().deserializer());
    }
}
