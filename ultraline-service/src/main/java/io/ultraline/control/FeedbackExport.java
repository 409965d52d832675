package io.ultraline.control;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.SourceRef;
import io.ultraline.stream.CommittedReads;
import io.ultraline.stream.PipelineTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a camera's labelled frames back from Kafka: its FALSE_ALARM and CONFIRMED_DEFECT feedback
 * on line.feedback (the latest judgement of a frame wins), and each judged frame from line.frames
 * at the place its feedback names. Reads only: no group, no commits, read_committed. Frames past
 * line.frames' retention are reported missing, not guessed.
 */
public final class FeedbackExport implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);

    /** The labelled frames found, and the judged frames no longer on line.frames. */
    public record Found(List<FeedbackDataset.Labelled> frames, List<String> missing) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final PipelineTopics topics;

    public FeedbackExport(Map<String, Object> clientConfig, PipelineTopics topics) {
        Map<String, Object> config = CommittedReads.consumerConfig(clientConfig);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ultraline-feedback-export");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = topics;
    }

    /** The camera's labelled frames, in feedback order. */
    public Found read(String cameraId) {
        Map<String, OperatorFeedback> latest = new LinkedHashMap<>();
        var values = topics.feedback().valueSerde().deserializer();
        for (ConsumerRecord<byte[], byte[]> r : readAll(topics.feedback().name())) {
            OperatorFeedback f = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
            if (f != null
                    && f.getCameraId().equals(cameraId)
                    && f.getSource() != null
                    && (f.getKind() == FeedbackKind.FALSE_ALARM || f.getKind() == FeedbackKind.CONFIRMED_DEFECT)) {
                String at = key(f.getSource());
                latest.remove(at); // a later judgement moves the frame to its own place in the order
                latest.put(at, f);
            }
        }
        List<FeedbackDataset.Labelled> frames = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (OperatorFeedback f : latest.values()) {
            Optional<CameraFrame> frame = frameAt(f.getSource());
            if (frame.isPresent()) {
                frames.add(new FeedbackDataset.Labelled(f.getKind(), frame.get(), f.getDefectType()));
            } else {
                missing.add(f.getFrameId() + " at " + key(f.getSource()));
            }
        }
        return new Found(frames, missing);
    }

    private List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, GIVE_UP);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(i -> new TopicPartition(topic, i.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + topic + " to its end within " + GIVE_UP);
            }
            consumer.poll(POLL).forEach(out::add);
        }
        return out;
    }

    private Optional<CameraFrame> frameAt(SourceRef s) {
        TopicPartition p = new TopicPartition(s.getTopic(), s.getPartition());
        consumer.assign(List.of(p));
        long first = consumer.beginningOffsets(List.of(p)).get(p);
        long end = consumer.endOffsets(List.of(p)).get(p);
        if (s.getOffset() < first || s.getOffset() >= end) {
            return Optional.empty();
        }
        consumer.seek(p, s.getOffset());
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline && consumer.position(p) <= s.getOffset()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() == s.getOffset()) {
                    return Optional.ofNullable(
                            r.value() == null
                                    ? null
                                    : topics.frames()
                                            .valueSerde()
                                            .deserializer()
                                            .deserialize(r.topic(), r.headers(), r.value()));
                }
            }
        }
        return Optional.empty();
    }

    private static String key(SourceRef s) {
        return s.getTopic() + "/" + s.getPartition() + "@" + s.getOffset();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
