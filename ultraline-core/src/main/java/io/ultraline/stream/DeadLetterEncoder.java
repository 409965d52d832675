package io.ultraline.stream;

import io.ultraline.avro.RejectedFrame;
import io.ultraline.serde.SpecificAvroSerializer;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What the exception handlers need to write a dead letter: the topic
 * ({@code errors.dead.letter.queue.topic.name}), a serializer for {@code RejectedFrame} and the
 * pipeline version. The serializer is the instance under {@value #SERIALIZER_CONFIG} when there is
 * one ({@link StreamsConfigs} puts the dead-letter topic's own serializer there), else a
 * {@link SpecificAvroSerializer} configured from the same settings (schema.registry.url, ...).
 * Every dead letter it encodes is reported to the {@link PipelineObserver} under
 * {@value PipelineObserver#CONFIG}, if any.
 */
final class DeadLetterEncoder {

    /** Configuration key of a {@code Serializer<RejectedFrame>} instance. */
    static final String SERIALIZER_CONFIG = "ultraline.dead-letter.serializer";

    private final String topic;
    private final Serializer<RejectedFrame> serializer;
    private final String pipelineVersion;
    private final PipelineObserver observer;
    private final int maxBytes;

    private DeadLetterEncoder(
            String topic,
            Serializer<RejectedFrame> serializer,
            String pipelineVersion,
            PipelineObserver observer,
            int maxBytes) {
        this.topic = topic;
        this.serializer = serializer;
        this.pipelineVersion = pipelineVersion;
        this.observer = observer;
        this.maxBytes = maxBytes;
    }

    @SuppressWarnings("unchecked")
    static DeadLetterEncoder fromConfigs(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null || topic.toString().isBlank()) {
            throw new ConfigException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must name the dead-letter topic (StreamsConfigs sets it)");
        }
        Object given = configs.get(SERIALIZER_CONFIG);
        Serializer<RejectedFrame> serializer;
        if (given instanceof Serializer<?> s) {
            serializer = (Serializer<RejectedFrame>) s;
        } else if (given == null) {
            SpecificAvroSerializer<RejectedFrame> avro = new SpecificAvroSerializer<>();
            avro.configure(configs, false);
            serializer = avro;
        } else {
            throw new ConfigException(
                    SERIALIZER_CONFIG, given.getClass().getName(), "must be a Serializer<RejectedFrame> instance");
        }
        Object version = configs.get(PipelineConfig.KEY_PIPELINE_VERSION);
        Object max = configs.get(OutputLimits.KEY_MAX_DEAD_LETTER_BYTES);
        return new DeadLetterEncoder(
                topic.toString(),
                serializer,
                version == null ? PipelineVersion.CURRENT : version.toString(),
                PipelineObserver.fromConfigs(configs),
                max == null ? OutputLimits.defaults().maxDeadLetterBytes() : Integer.parseInt(max.toString()));
    }

    String topic() {
        return topic;
    }

    String pipelineVersion() {
        return pipelineVersion;
    }

    /** Largest dead letter, {@value OutputLimits#KEY_MAX_DEAD_LETTER_BYTES}. */
    int maxBytes() {
        return maxBytes;
    }

    /**
     * The record for the dead-letter topic: the (possibly cut) original key and the serialized
     * RejectedFrame, with the original's trace context ({@link TraceContext}) in its headers.
     */
    ProducerRecord<byte[], byte[]> record(long timestamp, RejectedFrame rejected, Headers original) {
        byte[] value = serializer.serialize(topic, rejected);
        observer.deadLetter(rejected);
        return new ProducerRecord<>(
                topic, null, timestamp, DeadLetters.recordKey(rejected), value, TraceContext.of(original));
    }
}
