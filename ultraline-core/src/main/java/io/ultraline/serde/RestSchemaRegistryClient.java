package io.ultraline.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link SchemaRegistryClient} over the Confluent REST API with {@link java.net.http.HttpClient}
 * and Jackson, and nothing else: no {@code /mode}, no {@code schemaType} for Avro, no
 * vendor-specific endpoints, so the same calls work on Confluent, Apicurio (ccompat v7), Redpanda
 * and Karapace. Caches nothing; wrap it in a {@link CachingSchemaRegistryClient}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

    /** Lookups after a lost-race 409, pausing 50, 100, 200 ms between them. */
    static final int CONFLICT_LOOKUPS = 4;

    static final long CONFLICT_PAUSE_MS = 50;

    private final RegistryHttp http;

    public RestSchemaRegistryClient(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
    }

    /**
     * Registers, or finds, the schema. Apicurio answers 409 "artifact already exists" to the loser of
     * two concurrent first registrations of one subject (two instances serializing their first record
     * at once, or a retried POST whose first attempt is still being stored), although the schema is
     * then registered; the winner's version can take a moment to become visible. Such a 409 is
     * checked with a few lookups, then one more registration, before it counts as incompatible.
     * Any other 409 is checked with one lookup.
     */
    @Override
    public int register(String subject, String schema) {
        try {
            return post(subject, schema);
        } catch (IncompatibleSchemaException refused) {
            boolean lostRace = String.valueOf(refused.getMessage()).contains("already exists");
            int lookups = lostRace ? CONFLICT_LOOKUPS : 1;
            for (int attempt = 0; attempt < lookups; attempt++) {
                try {
                    return lookup(subject, schema).id();
                } catch (SchemaNotFoundException notVisibleYet) {
                    if (attempt == lookups - 1) {
                        refused.addSuppressed(notVisibleYet);
                    } else {
                        pause(CONFLICT_PAUSE_MS << attempt, refused);
                    }
                } catch (RegistryException other) {
                    refused.addSuppressed(other);
                    throw refused;
                }
            }
            if (lostRace) {
                try {
                    return post(subject, schema); // the winner's registration may have failed after all
                } catch (RegistryException again) {
                    refused.addSuppressed(again);
                }
            }
            throw refused;
        }
    }

    private int post(String subject, String schema) {
        JsonNode answer = http.send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        return requiredInt(answer, "id", "register");
    }

    private static void pause(long millis, RegistryException pending) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw pending;
        }
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        return registered(http.send("POST", "/subjects/" + encode(subject), schemaBody(schema)), subject);
    }

    @Override
    public RegisteredSchema schemaById(int id) {
        JsonNode answer = http.send("GET", "/schemas/ids/" + id, null);
        return new RegisteredSchema(id, null, null, schemaType(answer), requiredText(answer, "schema", "schema by id"));
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        return registered(http.send("GET", "/subjects/" + encode(subject) + "/versions/latest", null), subject);
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        try {
            return Optional.of(level(http.send("GET", "/config/" + encode(subject), null)));
        } catch (SchemaNotFoundException noSubjectLevel) {
            return Optional.empty();
        }
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return level(http.send("GET", "/config", null));
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        http.send("PUT", "/config/" + encode(subject), levelBody(level));
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        http.send("PUT", "/config", levelBody(level));
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, String schema) {
        JsonNode answer = http.send(
                "POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        JsonNode verdict = answer.get("is_compatible");
        if (verdict == null || !verdict.isBoolean()) {
            throw malformed("compatibility test", "is_compatible", answer);
        }
        List<String> messages = new ArrayList<>();
        answer.path("messages").forEach(message -> messages.add(message.asText()));
        return new CompatibilityResult(verdict.asBoolean(), messages);
    }

    private ObjectNode schemaBody(String schema) {
        // schemaType is left out: AVRO is every server's default and old servers reject the field
        return http.json().createObjectNode().put("schema", schema);
    }

    private ObjectNode levelBody(CompatibilityLevel level) {
        return http.json().createObjectNode().put("compatibility", level.name());
    }

    private RegisteredSchema registered(JsonNode answer, String subject) {
        int id = requiredInt(answer, "id", "subject " + subject);
        JsonNode version = answer.get("version");
        String schemaSubject =
                answer.hasNonNull("subject") ? answer.get("subject").asText() : subject;
        Integer versionNumber = version != null && version.canConvertToInt() ? version.asInt() : null;
        return new RegisteredSchema(
                id,
                schemaSubject,
                versionNumber,
                schemaType(answer),
                requiredText(answer, "schema", "subject " + subject));
    }

    private static CompatibilityLevel level(JsonNode answer) {
        // GET answers compatibilityLevel, PUT answers compatibility; accept either
        JsonNode value = answer.hasNonNull("compatibilityLevel")
                ? answer.get("compatibilityLevel")
                : answer.get("compatibility");
        if (value == null || !value.isTextual()) {
            throw malformed("config", "compatibilityLevel", answer);
        }
        try {
            return CompatibilityLevel.valueOf(value.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw malformed("config", "compatibilityLevel", answer);
        }
    }

    private static String schemaType(JsonNode answer) {
        return answer.hasNonNull("schemaType") ? answer.get("schemaType").asText() : RegisteredSchema.AVRO;
    }

    private static int requiredInt(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw malformed(what, field, answer);
        }
        return value.asInt();
    }

    private static String requiredText(JsonNode answer, String field, String what) {
        JsonNode value = answer.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed(what, field, answer);
        }
        return value.asText();
    }

    private static RegistryException malformed(String what, String field, JsonNode answer) {
        return new RegistryException(
                "(" + what + ")",
                200,
                0,
                "answer lacks a valid '" + field + "': " + RegistryHttp.shorten(answer.toString()));
    }

    /** Subjects are path segments; RecordNameStrategy subjects contain dots, others may contain more. */
    static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
