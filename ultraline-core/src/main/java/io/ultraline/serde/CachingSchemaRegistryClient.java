package io.ultraline.serde;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Caches in front of another {@link SchemaRegistryClient}: schemas by id and ids by
 * (subject, schema) forever, since the registry never changes them; the latest version of a
 * subject for a time to live, since it does change. A schema just registered also answers
 * {@link #schemaById} for its id, so a serde reading its own writes asks nothing more.
 * Compatibility calls are not cached.
 * Failures are not cached either: the next call asks again.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final long latestTtlNanos;
    private final LongSupplier nanoClock;
    private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookedUp = new ConcurrentHashMap<>();
    private final Map<String, Expiring> latest = new ConcurrentHashMap<>();

    /**
     * @param delegate  the client that talks to the registry
     * @param latestTtl how long a subject's latest version is reused; zero disables that cache,
     *                  a negative value keeps it forever
     */
    public CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl) {
        this(delegate, latestTtl, System::nanoTime);
    }

    CachingSchemaRegistryClient(SchemaRegistryClient delegate, Duration latestTtl, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.latestTtlNanos = latestTtl.isNegative() ? Long.MAX_VALUE : latestTtl.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public int register(String subject, String schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer id = registered.get(key);
        if (id == null) {
            id = delegate.register(subject, schema);
            registered.put(key, id);
            // the text just sent resolves the id as well as the registry's copy would: same layout
            byId.putIfAbsent(id, new RegisteredSchema(id, null, null, RegisteredSchema.AVRO, schema));
        }
        return id;
    }

    @Override
    public RegisteredSchema lookup(String subject, String schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        RegisteredSchema found = lookedUp.get(key);
        if (found == null) {
            found = delegate.lookup(subject, schema);
            lookedUp.put(key, found);
        }
        return found;
    }

    @Override
    public RegisteredSchema schemaById(int id) {
        RegisteredSchema found = byId.get(id);
        if (found == null) {
            found = delegate.schemaById(id);
            byId.put(id, found);
        }
        return found;
    }

    @Override
    public RegisteredSchema latestVersion(String subject) {
        if (latestTtlNanos == 0) {
            return delegate.latestVersion(subject);
        }
        long now = nanoClock.getAsLong();
        Expiring cached = latest.get(subject);
        if (cached != null && now - cached.fetchedAt() < latestTtlNanos) {
            return cached.schema();
        }
        RegisteredSchema fresh = delegate.latestVersion(subject);
        latest.put(subject, new Expiring(fresh, now));
        return fresh;
    }

    @Override
    public Optional<CompatibilityLevel> compatibility(String subject) {
        return delegate.compatibility(subject);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return delegate.globalCompatibility();
    }

    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        delegate.setCompatibility(subject, level);
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        delegate.setGlobalCompatibility(level);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, String schema) {
        return delegate.testCompatibility(subject, schema);
    }

    private record SubjectSchema(String subject, String schema) {}

    private record Expiring(RegisteredSchema schema, long fetchedAt) {}
}
