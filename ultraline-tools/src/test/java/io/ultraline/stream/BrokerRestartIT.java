package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.SerdeConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the pipeline's only broker (a dedicated {@link EmbeddedKafka}, not the shared one) while
 * frames are being produced and processed, starts it again on the same data directory and ports
 * while the producer goes on ({@value #AFTER} frames or more after the restart), and checks with a read_committed consumer that every produced frame ends as exactly one
 * verdict or dead letter.
 *
 * <p>What the client goes through: its consumer, producer and admin clients retry and reconnect on
 * their own (Kafka Streams retries timeouts for up to {@code task.timeout.ms}, 5 minutes by default),
 * so a few seconds without a broker cost neither a stream thread nor the client: the test asserts
 * that no thread died and the client never entered ERROR. An open transaction that the restarted
 * coordinator aborts surfaces as a fenced producer, which Kafka Streams handles as a task migration
 * (rejoin, re-initialise, read again from the last commit), not as a thread death. Were a thread to
 * die of it anyway, {@link PipelineUncaughtExceptionHandler} would shut the client down (it replaces
 * threads only for registry outages), and this test would fail on the client state.
 */
class BrokerRestartIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartIT.class);
    private static final int PARTITIONS = 2;
    private static final int AFTER = 12;
    private static final long PACE_MS = 50;
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private final String prefix = "restart-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String registryUrl = EmbeddedSchemaRegistry.shared().confluentApiUrl();
    private final PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
            .withPrefix(prefix);
    private final List<String> produced = new ArrayList<>();
    private EmbeddedKafka kafka;
    private RunningPipeline pipeline;
    private long capture = 1_700_000_000_000L;

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafka.builder().build().start();
    }

    @AfterEach
    void stopAll() {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            kafka.close();
        }
    }

    @Test
    void everyFrameEndsExactlyOnceAcrossABrokerRestart() throws Exception {
        for (String topic : topics.names()) {
            kafka.createTopic(topic, PARTITIONS);
        }
        PipelineConfig config = PipelineConfig.defaults().withBatch(BatchConfig.of(4, Duration.ofMillis(300)));
        pipeline =
                new RunningPipeline(kafka, registryUrl, topics, prefix + "ultraline", config, Map.of()).start(TIMEOUT);

        Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        CommittedOutcomes outcomes;
        try (KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                producerConfig,
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer())) {
            PacedSender sender = new PacedSender(frames);
            sender.start();
            // stop as soon as the first outputs are committed, while frames keep arriving
            await().atMost(TIMEOUT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            CommittedOutcomes.read(kafka, topics, PARTITIONS).size() > 0);
            int sentBeforeStop = sender.sent();
            kafka.stop();
            TimeUnit.MILLISECONDS.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for a condition
            int sentDuringOutage = sender.sent() - sentBeforeStop;
            kafka.start();
            await().atMost(TIMEOUT).until(() -> sender.sent() >= sentBeforeStop + sentDuringOutage + AFTER);
            sender.finish();
            LOG.info(
                    "{} frames sent before the broker stopped, {} while it was down, {} in all",
                    sentBeforeStop,
                    sentDuringOutage,
                    sender.sent());
            assertThat(sentDuringOutage)
                    .as("frames were produced during the outage")
                    .isPositive();
            for (Future<RecordMetadata> f : sender.futures()) {
                RecordMetadata meta = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                produced.add(meta.partition() + "@" + meta.offset());
            }
            outcomes = CommittedOutcomes.afterMarkers(
                    kafka, topics, PARTITIONS, frames, capture + 1000, produced, TIMEOUT);
        }

        LOG.info("Client states {}; stream thread deaths {}", pipeline.states(), pipeline.threadDeaths());
        // The input log itself, not the producer's acknowledgements, says which offsets exist: a send
        // whose acknowledgement the outage lost can be retried into a second offset (seen once in CI),
        // and the pipeline owes that record an outcome too.
        List<String> input = CommittedOutcomes.readAll(kafka, topics.frames(), PARTITIONS).stream()
                .map(r -> r.partition() + "@" + r.offset())
                .toList();
        assertThat(input).as("every acknowledged frame is in the input log").containsAll(produced);
        if (input.size() != produced.size()) {
            LOG.info(
                    "The input log holds {} records the producer did not acknowledge at those offsets",
                    input.size() - produced.size());
        }
        assertThat(outcomes.all())
                .as("one outcome per input offset")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(input);
        assertThat(outcomes.deadLetters())
                .as("good frames are never dead-lettered")
                .isEmpty();
        assertThat(pipeline.threadDeaths()).as("no stream thread died").isEmpty();
        assertThat(pipeline.states()).doesNotContain("ERROR", "PENDING_ERROR");
        assertThat(pipeline.state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /** Sends a frame every {@value #PACE_MS} ms until told to finish; the producer buffers what the broker cannot take yet. */
    private final class PacedSender extends Thread {
        private final KafkaProducer<String, CameraFrame> producer;
        private final List<Future<RecordMetadata>> futures = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;

        PacedSender(KafkaProducer<String, CameraFrame> producer) {
            super("paced-frames");
            this.producer = producer;
        }

        @Override
        public void run() {
            for (int i = 0; running; i++) {
                String camera = "cam-" + (i % 4);
                CameraFrame frame = TestCameraFrames.frame(camera, "frame-" + i, TestCameraFrames.good(i));
                capture += 1000;
                frame.setCaptureTimestamp(Instant.ofEpochMilli(capture));
                futures.add(producer.send(new ProducerRecord<>(topics.frames().name(), null, capture, camera, frame)));
                try {
                    TimeUnit.MILLISECONDS.sleep(PACE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int sent() {
            return futures.size();
        }

        void finish() throws InterruptedException {
            running = false;
            join();
        }

        List<Future<RecordMetadata>> futures() {
            return List.copyOf(futures);
        }
    }
}
