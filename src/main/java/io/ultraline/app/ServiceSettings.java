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

    @Inject
    ServiceSettings(ModelConfig model, KafkaSettings kafka, RegistryConfig registry, SecurityConfig security,
            Environment environment) {
        this(model, kafka, registry, security, pipelineKeys(environment));
    }

    ServiceSettings(ModelConfig model, KafkaSettings kafka, RegistryConfig registry, SecurityConfig security,
            Map<String, String> pipelineKeys) {
        SettingsProblems problems = new SettingsProblems();
        model.check(problems);
        kafka.check(problems);
        registry.check(problems);
        security.check(problems);
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
    }

    /** The flat pipeline keys under {@value #PIPELINE_PREFIX}, as strings. */
    static Map<String, String> pipelineKeys(Environment environment) {
        Map<String, String> out = new TreeMap<>();
        Map<String, Object> raw = environment.getProperties(PIPELINE_PREFIX, StringConvention.RAW);
        raw.forEach((k, v) -> {
            if (v != null && !(v instanceof Map)) {
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
}
