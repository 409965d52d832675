package io.ultraline.control;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What the operator's senders share: an idempotent producer over the user's client settings, and a
 * send that returns only once the broker has the record, so that an answer of "sent" to an
 * operator means the pipeline will see it.
 */
final class AcknowledgedSend {

    static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private AcknowledgedSend() {}

    /** The user's client settings, made idempotent with acks=all; {@code clientId} unless they name one. */
    static Map<String, Object> idempotent(Map<String, Object> clientConfig, String clientId) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /**
     * Sends one record keyed by {@code key} and waits for the broker's acknowledgement.
     *
     * @param what the record's kind, for the error ("command", "feedback")
     * @throws IllegalStateException when the broker refused it, did not answer in time, or the
     *     thread was interrupted
     */
    static <V> RecordMetadata send(Producer<String, V> producer, String topic, String key, V value, String what) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Kafka did not take the " + what + " for " + topic + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the " + what + " within " + ACK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the " + what);
        }
    }
}
