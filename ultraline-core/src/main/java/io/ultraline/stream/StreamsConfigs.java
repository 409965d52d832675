package io.ultraline.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams settings the inspection topology relies on, added to the user's settings
 * without overwriting any of them:
 * <ul>
 *   <li>{@code application.id} from the caller;</li>
 *   <li>{@code processing.guarantee=exactly_once_v2}: a batch's outputs, buffer changes and input
 *       offsets commit together;</li>
 *   <li>{@link DeadLetterDeserializationHandler}, {@link DeadLetterProcessingHandler} and
 *       {@link DeadLetterProductionHandler}, with
 *       {@code errors.dead.letter.queue.topic.name} set to the dead-letter topic and that topic's own
 *       RejectedFrame serializer under {@value DeadLetterEncoder#SERIALIZER_CONFIG};</li>
 *   <li>{@code pipeline.version} for the handlers' dead letters;</li>
 *   <li>{@code producer.max.request.size} large enough for a dead letter or buffer changelog record
 *       holding the largest accepted frame.</li>
 * </ul>
 * The uncaught exception handler is not a setting: give the KafkaStreams instance a
 * {@link PipelineUncaughtExceptionHandler}.
 */
public final class StreamsConfigs {

    private StreamsConfigs() {}

    /** The user's settings plus the pipeline's, as a mutable map the caller owns. */
    public static Map<String, Object> forPipeline(
            String applicationId, Map<String, ?> userSettings, PipelineTopics topics, PipelineConfig config) {
        Objects.requireNonNull(applicationId, "applicationId");
        Map<String, Object> out = new HashMap<>(userSettings);
        out.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        out.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        out.putIfAbsent(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        out.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        out.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        out.putIfAbsent(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        out.putIfAbsent(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                topics.deadLetters().name());
        out.putIfAbsent(
                DeadLetterEncoder.SERIALIZER_CONFIG,
                topics.deadLetters().valueSerde().serializer());
        out.putIfAbsent(PipelineConfig.KEY_PIPELINE_VERSION, config.pipelineVersion());
        out.putIfAbsent(OutputLimits.KEY_MAX_DEAD_LETTER_BYTES, config.outputs().maxDeadLetterBytes());
        long request =
                Math.min(Integer.MAX_VALUE, Math.max(1L << 20, config.limits().maxBytes() + (1L << 20)));
        out.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), (int) request);
        return out;
    }

    /** {@link #forPipeline} as Properties, for {@code new KafkaStreams(topology, props)} and the test driver. */
    public static Properties asProperties(Map<String, Object> settings) {
        Properties props = new Properties();
        props.putAll(settings);
        return props;
    }
}
