package io.ultraline.serde;

import java.util.Objects;

/**
 * A schema as the registry returns it.
 *
 * @param id         registry-wide schema id
 * @param subject    subject it was found under, or {@code null} when fetched by id
 * @param version    version under that subject, or {@code null} when fetched by id
 * @param schemaType {@code AVRO}, {@code JSON} or {@code PROTOBUF}; servers omit it for Avro, and
 *                   so is it {@code AVRO} here when absent
 * @param schema     the schema text
 */
public record RegisteredSchema(int id, String subject, Integer version, String schemaType, String schema) {

    /** The type registries assume when {@code schemaType} is absent. */
    public static final String AVRO = "AVRO";

    public RegisteredSchema {
        Objects.requireNonNull(schemaType, "schemaType");
        Objects.requireNonNull(schema, "schema");
    }

    /** Whether this is an Avro schema. */
    public boolean isAvro() {
        return AVRO.equalsIgnoreCase(schemaType);
    }
}
