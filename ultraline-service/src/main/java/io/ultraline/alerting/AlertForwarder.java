package io.ultraline.alerting;

import io.ultraline.alerting.DeadLetterJson.RecordRef;
import io.ultraline.avro.LineAlert;
import io.ultraline.serde.AvroSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards {@code line.alerts} to a webhook, at least once. One consumer group member; for each
 * record in offset order: POST it ({@link AlertDelivery}); when that fails for good, write a dead
 * letter ({@link DeadLetterJson}) and wait for the broker's ack; only then commit the record's offset.
 * So after a crash or a restart the group resumes after the last record that was delivered or
 * dead-lettered, and at most the records in flight at the crash are posted again; receivers
 * deduplicate on the {@code Idempotency-Key} header.
 *
 * <p>A record that is not an alert ({@link AlertDecoder.Undecodable}: null, foreign, corrupt, or
 * anything the decoder throws) is dead-lettered with its bytes and committed like any other. When
 * the schema registry fails instead ({@link AlertDecoder.RegistryFault}), the record is not the
 * problem: it is neither dead-lettered nor committed; the consumer is rewound to it and decodes it
 * again after a backoff, polling in between so the group keeps it, until the registry is back or
 * the forwarder is stopped.
 *
 * <p>{@link #run()} blocks until {@link #stop()} (from another thread, e.g. a shutdown hook) or a
 * fatal error (dead-letter topic unwritable), which it logs and throws after closing its clients,
 * without committing the record it was working on.
 */
public final class AlertForwarder implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertForwarder.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int DEFAULT_MAX_POLL_RECORDS = 10;
    private static final Duration MIN_REGISTRY_BACKOFF = Duration.ofMillis(100);

    private final ForwarderConfig config;
    private final Clock clock;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, String> producer;
    private final Deserializer<LineAlert> alerts;
    private final AlertDecoder decoder;
    private final AlertDelivery delivery;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong registryWaits = new AtomicLong();
    private int registryFailuresInARow;
    private volatile boolean stopping;

    /** A forwarder posting with {@code sender}; clients are created here and closed when {@link #run()} ends. */
    public AlertForwarder(ForwarderConfig config, WebhookSender sender, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.alerts = AvroSerdes.specific(LineAlert.class, config.serdeConfig()).deserializer();
        this.decoder = new AlertDecoder(alerts);
        this.delivery = new AlertDelivery(sender, config.policy(), this::sleepUnlessStopped);
        this.consumer =
                new KafkaConsumer<>(consumerConfig(config), new StringDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerConfig(config), new StringSerializer(), new StringSerializer());
    }

    /** A forwarder posting to {@code config.webhook()} with {@link HttpWebhookSender}, signed if configured. */
    public static AlertForwarder create(ForwarderConfig config) {
        return new AlertForwarder(
                config,
                new HttpWebhookSender(config.webhook(), config.requestTimeout(), config.signer(), Clock.systemUTC()),
                Clock.systemUTC());
    }

    /**
     * The consumer settings: the user's, then defaults that keep one poll's worth of alerts within
     * {@code max.poll.interval.ms} when every attempt times out (only where the user set none), then
     * the settings the delivery guarantee rests on, which always win.
     */
    static Map<String, Object> consumerConfig(ForwarderConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientConfig());
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DEFAULT_MAX_POLL_RECORDS);
        if (!props.containsKey(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG)) {
            int records = Integer.parseInt(
                    props.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG).toString());
            long needed = config.worstCasePerAlert()
                    .multipliedBy(records)
                    .plusMinutes(1)
                    .toMillis();
            props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int)
                    Math.min(Integer.MAX_VALUE, Math.max(300_000L, needed)));
        }
        // the coordinator connection must outlive a long poll interval, or a rebalance can drag on
        Object interval = props.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        props.putIfAbsent(
                ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG,
                Math.max(540_000L, Long.parseLong(interval.toString()) + 60_000L));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
        return props;
    }

    static Map<String, Object> producerConfig(ForwarderConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(config.alertsTopic()));
            LOG.info(
                    "Forwarding {} (group {}) to {}{}",
                    config.alertsTopic(),
                    config.groupId(),
                    WebhookUrls.redacted(config.webhook()),
                    config.signer().isPresent() ? ", signed" : ", unsigned");
            while (!stopping) {
                process(consumer.poll(POLL));
            }
        } catch (WakeupException e) {
            if (!stopping) {
                throw e;
            }
        } catch (InterruptedException e) {
            LOG.info("Stopped during a delivery or a wait; that record is not committed and will be handled again");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error(
                    "Forwarder failed; the record it was working on is not committed and will be handled again "
                            + "after a restart",
                    e);
            throw e;
        } finally {
            closeQuietly(consumer);
            closeQuietly(producer);
            closeQuietly(alerts);
            stopped.countDown();
            LOG.info("Forwarder stopped: {} delivered, {} dead-lettered", delivered.get(), deadLettered.get());
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>(records.partitions());
        for (int p = 0; p < partitions.size(); p++) {
            for (ConsumerRecord<String, byte[]> record : records.records(partitions.get(p))) {
                boolean handled = handle(record);
                if (!handled || !commit(record)) {
                    // not handled: poll this record again after the wait; not committed: its new owner will
                    seekIfAssigned(partitions.get(p), handled ? record.offset() + 1 : record.offset());
                    for (TopicPartition untouched : partitions.subList(p + 1, partitions.size())) {
                        seekIfAssigned(
                                untouched, records.records(untouched).get(0).offset());
                    }
                    if (!handled) {
                        sleepUnlessStopped(registryBackoff());
                    }
                    return;
                }
                if (stopping) {
                    return;
                }
            }
        }
    }

    /** Delivers or dead-letters {@code record}; false when the registry failed and it is to be tried again. */
    private boolean handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        RecordRef where = new RecordRef(record.topic(), record.partition(), record.offset());
        AlertDecoder.Result result = decoder.decode(record.topic(), record.headers(), record.value());
        if (result instanceof AlertDecoder.RegistryFault fault) {
            registryWaits.incrementAndGet();
            registryFailuresInARow++;
            LOG.warn(
                    "Schema registry failed while decoding {} ({} time(s) in a row): {}; not the record's fault, "
                            + "so it is not dead-lettered; trying again in {}",
                    where,
                    registryFailuresInARow,
                    fault.cause().getMessage(),
                    registryBackoff());
            return false;
        }
        if (registryFailuresInARow > 0) {
            LOG.info("Schema registry answers again after {} failed attempt(s)", registryFailuresInARow);
            registryFailuresInARow = 0;
        }
        if (result instanceof AlertDecoder.Undecodable bad) {
            LOG.warn(
                    "Record {} is not a decodable LineAlert: {}; dead-lettering it to {}",
                    where,
                    bad.reason(),
                    config.deadLetterTopic());
            deadLetter(record, DeadLetterJson.undecodable(bad.reason(), record.value(), where, clock.instant()));
            return true;
        }
        AlertDecoder.Decoded alert = (AlertDecoder.Decoded) result;
        DeliveryResult delivery = this.delivery.deliver(alert.idempotencyKey(), alert.json());
        if (delivery.delivered()) {
            delivered.incrementAndGet();
            LOG.debug(
                    "Delivered alert {} from {} after {} attempt(s)",
                    alert.idempotencyKey(),
                    where,
                    delivery.attempts());
        } else {
            LOG.warn(
                    "Giving up on alert {} from {} after {} attempt(s): {}; dead-lettering it to {}",
                    alert.idempotencyKey(),
                    where,
                    delivery.attempts(),
                    delivery.reason(),
                    config.deadLetterTopic());
            deadLetter(record, DeadLetterJson.undelivered(alert.alert(), delivery, where, clock.instant()));
        }
        return true;
    }

    /**
     * The wait before decoding again after the registry failed: the webhook backoff curve
     * ({@code --backoff} doubling up to {@code --max-backoff}), at least 100 ms. It stays far below
     * {@code max.poll.interval.ms}, as the consumer polls between two tries.
     */
    private Duration registryBackoff() {
        Duration wait = config.policy().backoffBefore(Math.min(registryFailuresInARow, 30) + 1);
        return wait.compareTo(MIN_REGISTRY_BACKOFF) < 0 ? MIN_REGISTRY_BACKOFF : wait;
    }

    /** Writes a dead letter and waits for the broker's ack; throws, so nothing is committed, when it fails. */
    private void deadLetter(ConsumerRecord<String, byte[]> record, String value) {
        try {
            producer.send(new ProducerRecord<>(config.deadLetterTopic(), record.key(), value))
                    .get();
            deadLettered.incrementAndGet();
        } catch (ExecutionException e) {
            throw new KafkaException(
                    "Could not write a dead letter to " + config.deadLetterTopic() + " for offset " + record.offset()
                            + " of " + record.topic() + "-" + record.partition(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("Interrupted while writing a dead letter", e);
        }
    }

    /** Commits past {@code record}; false when the group took the partition away meanwhile. */
    private boolean commit(ConsumerRecord<String, byte[]> record) {
        Map<TopicPartition, OffsetAndMetadata> next = Map.of(
                new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        try {
            try {
                consumer.commitSync(next);
            } catch (WakeupException e) {
                // stop() woke the consumer while the record was being delivered: still commit it
                consumer.commitSync(next);
            }
            return true;
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn(
                    "Could not commit offset {} of {}-{} ({}); its new owner may post it again",
                    record.offset() + 1,
                    record.topic(),
                    record.partition(),
                    e.toString());
            return false;
        }
    }

    /**
     * After a failed commit the rest of the batch is dropped; moving each partition back to its first
     * unhandled record means a partition this member keeps skips nothing.
     */
    private void seekIfAssigned(TopicPartition tp, long offset) {
        try {
            consumer.seek(tp, offset);
        } catch (IllegalStateException e) {
            // no longer assigned: its new owner starts at the committed offset anyway
        }
    }

    private void sleepUnlessStopped(Duration wait) throws InterruptedException {
        if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("forwarder stopping");
        }
    }

    /**
     * Asks {@link #run()} to return: a request in flight finishes (at most the request timeout) and is
     * committed; a backoff wait is cut short, leaving its alert uncommitted. Does not block.
     */
    public void stop() {
        stopping = true;
        stopSignal.countDown();
        consumer.wakeup();
    }

    /** Waits until {@link #run()} has closed its clients; false on timeout. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Alerts the webhook accepted so far. */
    public long delivered() {
        return delivered.get();
    }

    /** Times a record was put back because the schema registry failed (not the record). */
    public long registryWaits() {
        return registryWaits.get();
    }

    /** Records written to the dead-letter topic so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Error while closing {}", c, e);
        }
    }
}
