package io.ultraline.alerting;

import io.ultraline.avro.LineAlert;
import io.ultraline.serde.AvroSerdes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints alert events as they are committed to {@code line.alerts}, one {@link AlertLine} each.
 * Reads with {@code read_committed}, so an alert from an aborted transaction never shows. Uses no
 * consumer group: it assigns itself every partition of the topic and commits nothing, so any number
 * of tails can run side by side. A record that does not decode is reported on the line and skipped;
 * a failing schema registry stops the tail with that error.
 */
public final class AlertTail implements Runnable {

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Deserializer<LineAlert> alerts;
    private final AlertDecoder decoder;
    private final String topic;
    private final boolean fromBeginning;
    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    /**
     * @param clientConfig  Kafka client settings (bootstrap servers, security)
     * @param serdeConfig   serde settings ({@code schema.registry.url}, ...)
     * @param topic         normally {@code line.alerts}
     * @param fromBeginning print the whole retained history first, instead of only new alerts
     * @param out           where lines go
     */
    public AlertTail(
            Map<String, Object> clientConfig,
            Map<String, Object> serdeConfig,
            String topic,
            boolean fromBeginning,
            PrintStream out) {
        Map<String, Object> props = new HashMap<>(clientConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.alerts = AvroSerdes.specific(LineAlert.class, serdeConfig).deserializer();
        this.decoder = new AlertDecoder(alerts);
        this.topic = topic;
        this.fromBeginning = fromBeginning;
        this.out = out;
    }

    @Override
    public void run() {
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException(
                        "Topic " + topic + " does not exist (or is not visible to this client)");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition()))
                    .toList();
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    out.println(line(record));
                }
                out.flush();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } finally {
            consumer.close();
            alerts.close();
            stopped.countDown();
        }
    }

    private String line(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        AlertDecoder.Result result = decoder.decode(record.topic(), record.headers(), record.value());
        if (result instanceof AlertDecoder.Decoded decoded) {
            return AlertLine.format(decoded.alert());
        }
        if (result instanceof AlertDecoder.RegistryFault fault) {
            throw fault.cause(); // the tail has no offsets to keep: stop and say why
        }
        AlertDecoder.Undecodable bad = (AlertDecoder.Undecodable) result;
        if ("NULL_VALUE".equals(bad.code())) {
            return "(null value at " + where + ")";
        }
        return "(undecodable record at " + where + ": " + bad.code() + ")";
    }

    /** Asks {@link #run()} to return; does not block. */
    public void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Waits until {@link #run()} has closed its consumer; false on timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
