package io.ultraline.stream;

import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.dev.KafkaCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a read_committed consumer sees of the pipeline's outcomes: the source offsets
 * ({@code partition@offset} of line.frames) of every verdict and every dead letter, duplicates kept,
 * so a test can check "exactly one outcome per produced frame".
 */
record CommittedOutcomes(List<String> verdicts, List<String> deadLetters) {

    /** Reads both topics from the beginning up to their last stable offsets. */
    static CommittedOutcomes read(KafkaCluster kafka, PipelineTopics topics, int partitions) {
        List<String> verdicts = new ArrayList<>();
        readAll(kafka, topics.verdicts(), partitions)
                .forEach(r -> verdicts.add(r.value().getSource().getPartition() + "@"
                        + r.value().getSource().getOffset()));
        List<String> deadLetters = new ArrayList<>();
        readAll(kafka, topics.deadLetters(), partitions)
                .forEach(r -> deadLetters.add(r.value().getSource().getPartition() + "@"
                        + r.value().getSource().getOffset()));
        return new CommittedOutcomes(List.copyOf(verdicts), List.copyOf(deadLetters));
    }

    /**
     * Reads the outcomes once no late one can still be on its way, instead of sleeping and hoping.
     * Sends one good marker frame to every partition of line.frames, after every real frame, adds
     * the markers' offsets to {@code produced}, waits until each marker has its committed outcome,
     * then reads both topics once more. A task handles its partition in offset order (the batch
     * buffer too), so once a marker's outcome is committed, so is everything the pipeline will ever
     * write for the frames before it: a duplicate would be in this read.
     *
     * @param timestamp the markers' capture time and record timestamp
     */
    static CommittedOutcomes afterMarkers(
            KafkaCluster kafka,
            PipelineTopics topics,
            int partitions,
            Producer<String, CameraFrame> producer,
            long timestamp,
            Collection<String> produced,
            Duration timeout)
            throws Exception {
        List<String> markers = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String camera = "marker-" + p;
            CameraFrame frame = TestCameraFrames.frame(camera, camera, TestCameraFrames.good(p));
            frame.setCaptureTimestamp(Instant.ofEpochMilli(timestamp));
            RecordMetadata meta = producer.send(
                            new ProducerRecord<>(topics.frames().name(), p, timestamp, camera, frame))
                    .get();
            markers.add(meta.partition() + "@" + meta.offset());
        }
        produced.addAll(markers);
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> read(kafka, topics, partitions).all().containsAll(markers));
        return read(kafka, topics, partitions);
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
