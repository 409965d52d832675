package io.ultraline.stream;

import io.ultraline.serde.CompatibilityLevel;
import io.ultraline.serde.CompatibilityResult;
import io.ultraline.serde.RegisteredSchema;
import io.ultraline.serde.RegistryUnavailableException;
import io.ultraline.serde.SchemaNotFoundException;
import io.ultraline.serde.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * A schema registry in memory, for TopologyTestDriver tests only: ids by canonical schema, versions
 * by subject, no compatibility checks. {@link #setAvailable(boolean)} simulates an outage.
 */
final class InMemorySchemaRegistry implements SchemaRegistryClient {

    private final Map<Integer, String> schemas = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, List<Integer>> subjects = new HashMap<>();
    private volatile boolean available = true;
    private int nextId = 1;

    void setAvailable(boolean up) {
        this.available = up;
    }

    @Override
    public synchronized int register(String subject, String schema) {
        requireAvailable();
        String canonical = SchemaNormalization.toParsingForm(new Schema.Parser().parse(schema));
        Integer id = ids.get(canonical);
        if (id == null) {
            id = nextId++;
            ids.put(canonical, id);
            schemas.put(id, schema);
        }
        List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
        if (!versions.contains(id)) {
            versions.add(id);
        }
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, String schema) {
        requireAvailable();
        List<Integer> versions = subjects.get(subject);
        Integer id = ids.get(SchemaNormalization.toParsingForm(new Schema.Parser().parse(schema)));
        if (versions == null || id == null || !versions.contains(id)) {
            throw new SchemaNotFoundException("mem://" + subject, 40403, "Schema not found");
        }
        return new RegisteredSchema(id, subject, versions.indexOf(id) + 1, RegisteredSchema.AVRO, schema);
    }

    @Override
    public synchronized RegisteredSchema schemaById(int id) {
        requireAvailable();
        String schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("mem://schemas/ids/" + id, 40403, "Schema " + id + " not found");
        }
        return new RegisteredSchema(id, null, null, RegisteredSchema.AVRO, schema);
    }

    @Override
    public synchronized RegisteredSchema latestVersion(String subject) {
        requireAvailable();
        List<Integer> versions = subjects.get(subject);
        if (versions == null) {
            throw new SchemaNotFoundException("mem://" + subject, 40401, "Subject not found");
        }
        int id = versions.get(versions.size() - 1);
        return new RegisteredSchema(id, subject, versions.size(), RegisteredSchema.AVRO, schemas.get(id));
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return Optional.empty();
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return CompatibilityLevel.NONE;
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {}

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {}

    @Override
    public CompatibilityResult testCompatibility(String subject, String schema) {
        return new CompatibilityResult(true, List.of());
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    private void requireAvailable() {
        if (!available) {
            throw new RegistryUnavailableException(List.of("mem://registry"), 1, "simulated outage", null);
        }
    }
}
