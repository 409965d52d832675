package io.ultraline.control;

import io.ultraline.avro.OperatorFeedback;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes operator feedback to line.feedback and waits for the broker's acknowledgement, so an
 * operator who sees "202" knows the label is recorded. Idempotent, like {@link CalibrationSender}:
 * a producer retry must not record one judgement twice (it would count twice in the precision).
 */
public final class FeedbackSender implements AutoCloseable {

    private final Producer<String, OperatorFeedback> producer;
    private final String topic;

    public FeedbackSender(Producer<String, OperatorFeedback> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A sender with its own idempotent producer over the user's client settings. */
    public static FeedbackSender create(
            Map<String, Object> clientConfig,
            Serializer<String> keys,
            Serializer<OperatorFeedback> values,
            String topic) {
        Map<String, Object> config = AcknowledgedSend.idempotent(clientConfig, "ultraline-feedback");
        return new FeedbackSender(new KafkaProducer<>(config, keys, values), topic);
    }

    /** Sends the feedback keyed by its camera; throws when the broker did not take it. */
    public OperatorFeedback send(OperatorFeedback feedback) {
        AcknowledgedSend.send(producer, topic, feedback.getCameraId(), feedback, "feedback");
        return feedback;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
