package io.ultraline.loadtest;

import io.ultraline.stream.ExplainConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one processor instance is told, as the environment of {@code ultraline serve}
 * (ultraline-service/src/main/resources/application.yml names every variable). Every address is loopback. A null
 * {@code sessionTimeout} leaves the service's default, and so does a null {@code explain}.
 */
public record InstanceConfig(
        int index,
        String bootstrapServers,
        String schemaRegistryUrl,
        Path modelDir,
        Path stateDir,
        String applicationId,
        String topicPrefix,
        int httpPort,
        int batchSize,
        Duration batchMaxWait,
        int modelThreads,
        String heap,
        Duration sessionTimeout,
        ExplainConfig explain,
        Path logFile) {

    /** The serve configuration contract's environment variables for this instance. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SCHEMA_REGISTRY_URL", schemaRegistryUrl);
        env.put("ULTRALINE_MODEL_DIR", modelDir.toAbsolutePath().toString());
        env.put("ULTRALINE_MODEL_THREADS", Integer.toString(modelThreads));
        env.put("ULTRALINE_STATE_DIR", stateDir.toAbsolutePath().toString());
        env.put("ULTRALINE_APPLICATION_ID", applicationId);
        env.put("ULTRALINE_TOPIC_PREFIX", topicPrefix);
        env.put("ULTRALINE_HTTP_HOST", "127.0.0.1");
        env.put("ULTRALINE_HTTP_PORT", Integer.toString(httpPort));
        env.put("ULTRALINE_ADVERTISED_ENDPOINT", "127.0.0.1:" + httpPort);
        env.put("ULTRALINE_SECURITY_ENABLED", "false");
        env.put("ULTRALINE_BATCH_SIZE", Integer.toString(batchSize));
        env.put("ULTRALINE_BATCH_MAX_WAIT", Long.toString(batchMaxWait.toMillis()));
        if (sessionTimeout != null) {
            env.put("ULTRALINE_SESSION_TIMEOUT_MS", Long.toString(sessionTimeout.toMillis()));
        }
        if (explain != null) {
            env.put("ULTRALINE_EXPLAIN", explain.mode().name().toLowerCase(Locale.ROOT));
            env.put("ULTRALINE_EXPLAIN_SAMPLE_EVERY", Integer.toString(explain.sampleEvery()));
            env.put("ULTRALINE_EXPLAIN_TARGETS", Integer.toString(explain.targets()));
            env.put("ULTRALINE_EXPLAIN_STRATEGY", explain.strategy());
            env.put("ULTRALINE_EXPLAIN_NEAR_THRESHOLD", Double.toString(explain.nearThreshold()));
        }
        env.put("TF_CPP_MIN_LOG_LEVEL", "2");
        // as the launcher: the product's defaults, unless the user exported their own
        env.put("TF_CPU_ALLOCATOR_USE_BFC", System.getenv().getOrDefault("TF_CPU_ALLOCATOR_USE_BFC", "true"));
        env.put("TF_OVERRIDE_GLOBAL_THREADPOOL", System.getenv().getOrDefault("TF_OVERRIDE_GLOBAL_THREADPOOL", "true"));
        return env;
    }
}
