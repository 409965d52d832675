package io.ultraline.serde;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes generated Avro records in the Confluent wire format. The schema id comes from the
 * registry under the subject the configured {@link SubjectNameStrategy} names:
 * <ul>
 *   <li>{@code auto.register.schemas=true} (default): the record's schema is registered (or found)
 *       there;</li>
 *   <li>{@code auto.register.schemas=false}: it must already be registered there, else
 *       {@link SchemaNotFoundException};</li>
 *   <li>{@code use.latest.version=true}: the subject's latest version is used, provided it can read
 *       the record's schema (see {@link LatestVersionEncoder}), else
 *       {@link RecordEncodingException}.</li>
 * </ul>
 * Ids are cached; a {@code null} record is written as {@code null} (a tombstone). Failures are
 * {@link SerdeException}s naming the topic. Safe for use by several threads once configured.
 */
public class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    private SubjectNameStrategy subjectNames = SubjectNameStrategy.TOPIC_NAME;
    private final Map<Schema, RecordEncoder> encoders = new ConcurrentHashMap<>();
    private final Map<LatestKey, LatestVersionEncoder> latestEncoders = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; the registry comes from {@link #configure}. */
    public SpecificAvroSerializer() {}

    /** With an existing client; {@link #configure} still reads the other settings. */
    public SpecificAvroSerializer(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.parse(configs, isKey);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        this.subjectNames = config.subjectNameStrategy();
        if (registry == null) {
            registry = config.createClient();
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        RecordEncoder encoder = encoders.computeIfAbsent(schema, RecordEncoder::new);
        String subject = subjectNames.subject(topic, isKey, schema);
        try {
            if (useLatestVersion) {
                RegisteredSchema latest = registry.latestVersion(subject);
                LatestKey key = new LatestKey(latest.id(), schema);
                LatestVersionEncoder latestEncoder = latestEncoders.get(key);
                if (latestEncoder == null) {
                    latestEncoder = LatestVersionEncoder.build(topic, subject, latest, encoder);
                    latestEncoders.putIfAbsent(key, latestEncoder);
                }
                return latestEncoder.encode(topic, record);
            }
            int id = autoRegister
                    ? registry.register(subject, encoder.schemaText())
                    : registry.lookup(subject, encoder.schemaText()).id();
            return encoder.encode(topic, id, record);
        } catch (SerdeException e) {
            throw e.failure().topic() == null ? e.withTopic(topic) : e;
        }
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T record) {
        return serialize(topic, record);
    }

    private record LatestKey(int schemaId, Schema schema) {}
}
