package io.ultraline.control;

import io.ultraline.avro.CalibrationCommand;
import java.time.Clock;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes calibration commands to line.calibration and waits for the broker's acknowledgement, so
 * "sent" means the pipeline will see it. Idempotent: a retried START must not restart a
 * calibration that the first copy already started.
 */
public final class CalibrationSender implements AutoCloseable {

    private static final Duration ACK_WAIT = Duration.ofSeconds(30);

    /** A sent command and where it landed. */
    public record Sent(CalibrationCommand command, int partition, long offset) {
    }

    private final Producer<String, CalibrationCommand> producer;
    private final String topic;
    private final Clock clock;

    public CalibrationSender(Producer<String, CalibrationCommand> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A sender with its own idempotent producer over the user's client settings. */
    public static CalibrationSender create(Map<String, Object> clientConfig, Serializer<String> keys,
            Serializer<CalibrationCommand> values, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ultraline-calibration");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new CalibrationSender(new KafkaProducer<>(config, keys, values), topic, Clock.systemUTC());
    }

    /** Sends the request's command; throws when the broker did not take it. */
    public Sent send(CalibrationRequest request) {
        return send(request.command(clock.instant()));
    }

    /** Sends a command built by the caller (a PUSH with its profile); throws when the broker did not take it. */
    public Sent send(CalibrationCommand command) {
        try {
            RecordMetadata meta = producer.send(new ProducerRecord<>(topic, command.getCameraId(), command))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return new Sent(command, meta.partition(), meta.offset());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not take the command for " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the command within " + ACK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the command");
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
