package io.ultraline.loadtest;

import com.sun.net.httpserver.HttpServer;
import io.ultraline.defect.DefectDetector;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.ModelRunner;
import io.ultraline.model.RunnerOptions;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.BatchConfig;
import io.ultraline.stream.InspectionTopology;
import io.ultraline.stream.PipelineConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.PipelineUncaughtExceptionHandler;
import io.ultraline.stream.StreamsConfigs;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The inspection topology as a bare process, configured by the same environment variables as
 * {@code ultraline serve} and answering {@code GET /health/readiness} (200 once the streams client is
 * RUNNING) on 127.0.0.1. A stand-in for the load test while the service is not on the branch;
 * {@link ProcessorLauncher#serve()} is what the reported runs use once it is.
 */
public final class HeadlessProcessor {

    private HeadlessProcessor() {
    }

    public static void main(String[] args) throws Exception {
        String registryUrl = env("SCHEMA_REGISTRY_URL");
        PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .withPrefix(System.getenv().getOrDefault("ULTRALINE_TOPIC_PREFIX", ""));
        PipelineConfig config = PipelineConfig.defaults().withBatch(BatchConfig.of(
                Integer.parseInt(env("ULTRALINE_BATCH_SIZE")),
                Duration.ofMillis(Long.parseLong(env("ULTRALINE_BATCH_MAX_WAIT")))));
        ModelRunner runner = ModelRunner.load(Path.of(env("ULTRALINE_MODEL_DIR")),
                new RunnerOptions(Integer.parseInt(System.getenv().getOrDefault("ULTRALINE_MODEL_THREADS", "0")), 0,
                        64, true));
        FrameInspector inspector = new FrameInspector(runner, new UltraSegmenter(SegmenterConfig.defaults()),
                DefectDetector.withDefaults());
        Map<String, Object> user = new HashMap<>();
        user.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env("KAFKA_BOOTSTRAP_SERVERS"));
        user.put(StreamsConfig.STATE_DIR_CONFIG, env("ULTRALINE_STATE_DIR"));
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        KafkaStreams streams = new KafkaStreams(InspectionTopology.build(topics, inspector, Clock.systemUTC(), config),
                StreamsConfigs.asProperties(StreamsConfigs.forPipeline(env("ULTRALINE_APPLICATION_ID"), user, topics,
                        config)));
        streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1",
                Integer.parseInt(env("ULTRALINE_HTTP_PORT"))), 0);
        http.createContext("/health/readiness", exchange -> {
            int status = streams.state() == KafkaStreams.State.RUNNING ? 200 : 503;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            streams.close(Duration.ofSeconds(20));
            runner.close();
        }, "headless-shutdown"));
        streams.start();
        Thread.currentThread().join();
    }

    private static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return v;
    }
}
