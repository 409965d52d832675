package io.ultraline.serde;

import java.util.Optional;

/**
 * The calls this project makes to a schema registry, in the terms of the Confluent REST API.
 * Implementations: {@link RestSchemaRegistryClient} (HTTP) and {@link CachingSchemaRegistryClient}
 * (caches in front of another client). Implementations are safe for use by several threads.
 *
 * <p>Every method throws {@link RegistryUnavailableException} when the registry cannot be reached,
 * {@link SchemaNotFoundException} on 404, {@link IncompatibleSchemaException} on 409 and
 * {@link RegistryException} on other 4xx answers.
 */
public interface SchemaRegistryClient {

    /** Registers {@code schema} (Avro) under {@code subject}, or finds it there; returns its id. */
    int register(String subject, String schema);

    /** The version of {@code subject} that holds {@code schema}; 404 when there is none. */
    RegisteredSchema lookup(String subject, String schema);

    /** The schema with registry id {@code id}. */
    RegisteredSchema schemaById(int id);

    /** The latest version registered under {@code subject}. */
    RegisteredSchema latestVersion(String subject);

    /** The subject's own compatibility level, empty when the subject has none set. */
    Optional<CompatibilityLevel> compatibility(String subject);

    /** The registry-wide compatibility level. */
    CompatibilityLevel globalCompatibility();

    /** Sets the subject's compatibility level. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Sets the registry-wide compatibility level. */
    void setGlobalCompatibility(CompatibilityLevel level);

    /** Whether {@code schema} could be registered under {@code subject} after its latest version. */
    CompatibilityResult testCompatibility(String subject, String schema);
}
