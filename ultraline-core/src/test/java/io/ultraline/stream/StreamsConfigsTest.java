package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.serde.SerdeConfig;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/** The pipeline's Kafka Streams settings, added without overwriting the user's. */
class StreamsConfigsTest {

    private final PipelineTopics topics =
            PipelineTopics.avro(new InMemorySchemaRegistry(), Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mem://x"));

    @Test
    void addsExactlyOnceTheHandlersAndTheDeadLetterTopic() {
        Map<String, Object> s = StreamsConfigs.forPipeline(
                "ultraline", Map.of("bootstrap.servers", "b:9092"), topics, PipelineConfig.defaults());
        assertThat(s)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "ultraline")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "b:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetterDeserializationHandler.class)
                .containsEntry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class)
                .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.FRAMES_DLQ)
                .containsEntry(PipelineConfig.KEY_PIPELINE_VERSION, PipelineVersion.CURRENT)
                .containsEntry("producer.max.request.size", (16 << 20) + (1 << 20));
        assertThat(s.get(DeadLetterEncoder.SERIALIZER_CONFIG)).isInstanceOf(Serializer.class);
        new StreamsConfig(s);
    }

    @Test
    void neverOverwritesTheUsersSettings() {
        Map<String, Object> user = Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG,
                "theirs",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.AT_LEAST_ONCE,
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG,
                "their.dlq",
                "producer.max.request.size",
                123456);
        Map<String, Object> s = StreamsConfigs.forPipeline("ultraline", user, topics, PipelineConfig.defaults());
        assertThat(s).containsAllEntriesOf(user);
        assertThat(user).hasSize(4);
    }
}
