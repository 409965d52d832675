package io.ultraline.stream;

import io.ultraline.defect.DefectDetector;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The pipeline as a process of its own, for {@link CrashRecoveryIT} to kill with SIGKILL:
 * {@code bootstrap registryUrl topicPrefix applicationId stateDir modelDir batchSize maxWaitMillis}.
 * Prints {@value #READY} once the streams client is RUNNING and then runs until killed.
 */
public final class CrashTestApplication {

    static final String READY = "PIPELINE RUNNING";

    private CrashTestApplication() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String registryUrl = args[1];
        PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .withPrefix(args[2]);
        PipelineConfig config = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(Integer.parseInt(args[6]), Duration.ofMillis(Long.parseLong(args[7]))));
        ModelRunner runner =
                ModelRunner.load(Path.of(args[5]), RunnerOptions.defaults().withParallelRuns(2));
        FrameInspector inspector = new FrameInspector(
                runner, new UltraSegmenter(SegmenterConfig.defaults()), DefectDetector.withDefaults());
        Map<String, Object> user = new HashMap<>();
        user.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        user.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        user.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        KafkaStreams streams = new KafkaStreams(
                InspectionTopology.build(topics, inspector, Clock.systemUTC(), config),
                StreamsConfigs.asProperties(StreamsConfigs.forPipeline(args[3], user, topics, config)));
        streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        running.await();
        System.out.println(READY);
        System.out.flush();
        Thread.currentThread().join();
    }
}
