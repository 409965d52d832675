package io.ultraline.stream;

import static org.awaitility.Awaitility.await;

import io.ultraline.dev.KafkaCluster;
import io.ultraline.serde.SerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * The inspection topology over the tiny test model in a real {@link KafkaStreams} client, for the
 * failure-injection ITs: it records every state change and every stream thread death (and what
 * {@link PipelineUncaughtExceptionHandler} answered), so a test can say what the client went through.
 */
final class RunningPipeline implements AutoCloseable {

    private final KafkaStreams streams;
    private final List<String> states = new CopyOnWriteArrayList<>();
    private final List<String> threadDeaths = new CopyOnWriteArrayList<>();

    RunningPipeline(
            KafkaCluster kafka,
            String registryUrl,
            PipelineTopics topics,
            String applicationId,
            PipelineConfig config,
            Map<String, Object> overrides) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "it-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> user = new HashMap<>(kafka.clientConfig());
        user.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        user.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // reconnect quickly after an outage instead of backing off to Kafka's 1 s maximum
        user.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        user.putAll(overrides);
        streams = new KafkaStreams(
                InspectionTopology.build(topics, TestModels.inspector(), Clock.systemUTC(), config),
                StreamsConfigs.asProperties(StreamsConfigs.forPipeline(applicationId, user, topics, config)));
        StreamsUncaughtExceptionHandler handler = new PipelineUncaughtExceptionHandler();
        streams.setUncaughtExceptionHandler(e -> {
            var response = handler.handle(e);
            threadDeaths.add(response + " after " + e);
            return response;
        });
        streams.setStateListener((now, before) -> states.add(now.name()));
    }

    RunningPipeline start(Duration timeout) {
        streams.start();
        await().atMost(timeout).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return this;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    /** Every state the client entered, in order. */
    List<String> states() {
        return List.copyOf(states);
    }

    /** One entry per dead stream thread: the handler's response and the exception. */
    List<String> threadDeaths() {
        return List.copyOf(threadDeaths);
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        streams.cleanUp();
    }
}
