package io.ultraline.gateway;

import io.ultraline.avro.CameraFrame;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Sends frames to line.frames keyed by camera id, so the default partitioner keeps a camera's
 * frames in one partition and in order, with an idempotent producer: a retry after a lost
 * acknowledgement does not write the frame twice (which would give it two verdicts).
 */
public final class KafkaFrameSink implements FrameSink {

    private final Producer<String, CameraFrame> producer;
    private final String topic;
    private final Progress progress;

    public KafkaFrameSink(Producer<String, CameraFrame> producer, String topic, Progress progress) {
        this.producer = producer;
        this.topic = topic;
        this.progress = progress;
    }

    /**
     * A sink with its own producer: the user's client settings plus idempotence, acks=all and a
     * request size that fits a frame of {@code maxFrameBytes}; an explicit user setting of the
     * size wins, idempotence and acks do not (they are what makes a frame arrive exactly once).
     */
    public static KafkaFrameSink create(
            Map<String, Object> clientConfig,
            Serializer<String> keys,
            Serializer<CameraFrame> values,
            String topic,
            int maxFrameBytes,
            Progress progress) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, maxFrameBytes + (64 << 10)));
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ultraline-produce");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaFrameSink(new KafkaProducer<>(config, keys, values), topic, progress);
    }

    @Override
    public Future<?> send(CameraFrame frame) {
        progress.submitted();
        return producer.send(new ProducerRecord<>(topic, frame.getCameraId(), frame), (meta, e) -> {
            if (e == null) {
                progress.sent();
            } else {
                progress.failed(frame.getCameraId() + "/" + frame.getFrameId() + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
