package io.ultraline.control;

import io.ultraline.avro.CalibrationCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes calibration commands to line.calibration and waits for the broker's acknowledgement, so
 * "sent" means the pipeline will see it. Idempotent: a retried START must not restart a
 * calibration that the first copy already started.
 */
public final class CalibrationSender implements AutoCloseable {

    /** A sent command and where it landed. */
    public record Sent(CalibrationCommand command, int partition, long offset) {}

    private final Producer<String, CalibrationCommand> producer;
    private final String topic;
    private final Clock clock;

    public CalibrationSender(Producer<String, CalibrationCommand> producer, String topic, Clock clock) {
        this.producer = producer;
        this.topic = topic;
        this.clock = clock;
    }

    /** A sender with its own idempotent producer over the user's client settings. */
    public static CalibrationSender create(
            Map<String, Object> clientConfig,
            Serializer<String> keys,
            Serializer<CalibrationCommand> values,
            String topic) {
        Map<String, Object> config = AcknowledgedSend.idempotent(clientConfig, "ultraline-calibration");
        return new CalibrationSender(new KafkaProducer<>(config, keys, values), topic, Clock.systemUTC());
    }

    /** Sends the request's command; throws when the broker did not take it. */
    public Sent send(CalibrationRequest request) {
        return send(request.command(clock.instant()));
    }

    /** Sends a command built by the caller (a PUSH with its profile); throws when the broker did not take it. */
    public Sent send(CalibrationCommand command) {
        RecordMetadata meta = AcknowledgedSend.send(producer, topic, command.getCameraId(), command, "command");
        return new Sent(command, meta.partition(), meta.offset());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
