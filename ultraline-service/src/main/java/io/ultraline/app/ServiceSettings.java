package io.ultraline.app;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.ultraline.stream.PipelineConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every setting of the service, checked together at start: a missing or malformed one fails start-up
 * with one message that names each bad property and its environment variable.
 */
@Singleton
public final class ServiceSettings {

    /** Prefix of the flat pipeline keys, e.g. {@code ultraline.pipeline.inference.batch.size}. */
    static final String PIPELINE_PREFIX = "ultraline.pipeline";

    private final ModelConfig model;
    private final KafkaSettings kafka;
    private final RegistryConfig registry;
    private final SecurityConfig security;
    private final PipelineConfig pipeline;
    private final ClientPassThrough passThrough;

    @Inject
    ServiceSettings(
            ModelConfig model,
            KafkaSettings kafka,
            RegistryConfig registry,
            SecurityConfig security,
            Environment environment) {
        this(model, kafka, registry, security, pipelineKeys(environment), ClientPassThrough.from(environment));
    }

    ServiceSettings(
            ModelConfig model,
            KafkaSettings kafka,
            RegistryConfig registry,
            SecurityConfig security,
            Map<String, String> pipelineKeys) {
        this(model, kafka, registry, security, pipelineKeys, ClientPassThrough.none());
    }

    ServiceSettings(
            ModelConfig model,
            KafkaSettings kafka,
            RegistryConfig registry,
            SecurityConfig security,
            Map<String, String> pipelineKeys,
            ClientPassThrough passThrough) {
        SettingsProblems problems = new SettingsProblems();
        model.check(problems);
        kafka.check(problems);
        registry.check(problems);
        security.check(problems);
        passThrough.check(problems);
        PipelineConfig parsed = null;
        try {
            parsed = PipelineConfig.parse(pipelineKeys);
        } catch (IllegalArgumentException e) {
            problems.add(PIPELINE_PREFIX + ": " + e.getMessage());
        }
        problems.throwIfAny();
        this.model = model;
        this.kafka = kafka;
        this.registry = registry;
        this.security = security;
        this.pipeline = parsed;
        this.passThrough = passThrough;
    }

    /**
     * The flat pipeline keys under {@value #PIPELINE_PREFIX}, as strings. An empty value is left
     * out, so that an unset {@code ${VARIABLE:}} placeholder keeps the code's default.
     */
    static Map<String, String> pipelineKeys(Environment environment) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Object> raw = environment.getProperties(PIPELINE_PREFIX, StringConvention.RAW);
        raw.forEach((k, v) -> {
            if (v != null && !(v instanceof Map) && !v.toString().isBlank()) {
                out.put(k, v.toString());
            }
        });
        return out;
    }

    public ModelConfig model() {
        return model;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public RegistryConfig registry() {
        return registry;
    }

    public SecurityConfig security() {
        return security;
    }

    public PipelineConfig pipeline() {
        return pipeline;
    }

    /** {@code ultraline.kafka.properties.*} and {@code ultraline.registry.properties.*}, checked. */
    public ClientPassThrough passThrough() {
        return passThrough;
    }

    /**
     * Settings for the service's own side clients beside Kafka Streams (the dashboard's read-back,
     * the feedback view): the named Kafka settings, then the pass-through keys every client takes.
     */
    public Map<String, Object> sideClientConfig() {
        Map<String, Object> out = new java.util.HashMap<>(kafka().clientConfig());
        out.putAll(passThrough.forAdmin());
        return out;
    }

    /** The serde settings: the registry's named ones, then its pass-through keys. */
    public Map<String, Object> serdeConfig() {
        Map<String, Object> out = new java.util.HashMap<>(registry.serdeConfig());
        out.putAll(passThrough.registry());
        return out;
    }
}
