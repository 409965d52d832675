package io.ultraline.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Puts schemas under registry subjects with a compatibility level, and checks subjects against
 * schemas, for deployments where the service does not register schemas itself
 * ({@code auto.register.schemas=false}): then every schema it writes must already be there.
 */
public final class SubjectGovernance {

    /** Levels at least as strict as BACKWARD: new readers can read what old writers wrote. */
    private static final Set<CompatibilityLevel> BACKWARD_OR_STRICTER = Set.of(
            CompatibilityLevel.BACKWARD,
            CompatibilityLevel.BACKWARD_TRANSITIVE,
            CompatibilityLevel.FULL,
            CompatibilityLevel.FULL_TRANSITIVE);

    private final SchemaRegistryClient registry;

    public SubjectGovernance(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** What {@link #register} did for one subject. */
    public record Registered(String subject, int id, Integer version, boolean created) {}

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and sets the subject's
     * compatibility to {@code level}. An existing subject gets its level first, so the new schema
     * is judged by it; a new subject gets it right after its first version (some registries, such
     * as Apicurio, refuse a level for a subject that does not exist).
     *
     * @throws IncompatibleSchemaException when the subject's level refuses the schema
     */
    public Registered register(String subject, String schema, CompatibilityLevel level) {
        boolean exists = latest(subject).isPresent();
        if (exists) {
            registry.setCompatibility(subject, level);
        }
        Optional<RegisteredSchema> before = find(subject, schema);
        int id = registry.register(subject, schema);
        if (!exists) {
            registry.setCompatibility(subject, level);
        }
        RegisteredSchema now = registry.lookup(subject, schema);
        return new Registered(subject, id, now.version(), before.isEmpty());
    }

    /**
     * What stands in the way of a writer of {@code schema} on {@code subject} that does not
     * register schemas: the subject or the exact schema missing, a schema the subject's latest
     * version is not compatible with, a compatibility level weaker than BACKWARD. Empty when none.
     */
    public List<String> check(String subject, String schema) {
        List<String> problems = new ArrayList<>();
        if (latest(subject).isEmpty()) {
            problems.add(subject + ": not registered");
            return problems;
        }
        CompatibilityResult result = registry.testCompatibility(subject, schema);
        if (!result.compatible()) {
            problems.add(subject + ": the schema is not compatible with the latest registered version"
                    + (result.messages().isEmpty() ? "" : " " + result.messages()));
        } else if (find(subject, schema).isEmpty()) {
            problems.add(subject + ": compatible, but this schema is not registered yet");
        }
        CompatibilityLevel level = registry.compatibility(subject).orElseGet(registry::globalCompatibility);
        if (!BACKWARD_OR_STRICTER.contains(level)) {
            problems.add(subject + ": compatibility is " + level + ", not BACKWARD or stricter");
        }
        return problems;
    }

    private Optional<RegisteredSchema> latest(String subject) {
        try {
            return Optional.of(registry.latestVersion(subject));
        } catch (SchemaNotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<RegisteredSchema> find(String subject, String schema) {
        try {
            return Optional.of(registry.lookup(subject, schema));
        } catch (SchemaNotFoundException e) {
            return Optional.empty();
        }
    }
}
