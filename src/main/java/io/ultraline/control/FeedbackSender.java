package io.ultraline.control;

import io.ultraline.avro.OperatorFeedback;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes operator feedback to line.feedback and waits for the broker's acknowledgement, so an
 * operator who sees "202" knows the label is recorded. Idempotent, like {@link CalibrationSender}:
 * a producer retry must not record one judgement twice (it would count twice in the precision).
 */
public final class FeedbackSender implements AutoCloseable {

    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private final Producer<String, OperatorFeedback> producer;
    private final String topic;

    public FeedbackSender(Producer<String, OperatorFeedback> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** A sender with its own idempotent producer over the user's client settings. */
    public static FeedbackSender create(Map<String, Object> clientConfig, Serializer<String> keys,
            Serializer<OperatorFeedback> values, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ultraline-feedback");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new FeedbackSender(new KafkaProducer<>(config, keys, values), topic);
    }

    /** Sends the feedback keyed by its camera; throws when the broker did not take it. */
    public OperatorFeedback send(OperatorFeedback feedback) {
        try {
            producer.send(new ProducerRecord<>(topic, feedback.getCameraId(), feedback))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return feedback;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the feedback for " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the feedback within " + ACK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the feedback");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
