package io.ultraline.serde;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire format payloads into a generated Avro class. The writer schema is fetched
 * by the id in the payload (once per id); the class's own {@code SCHEMA$} is the reader schema, and
 * Avro schema resolution bridges the two.
 *
 * <p>A {@code null} payload (a tombstone) reads as {@code null}; every other failure throws a
 * {@link SerdeException} naming the topic and schema id: {@link MissingMagicByteException},
 * {@link TruncatedPayloadException}, {@link CorruptPayloadException},
 * {@link UnknownSchemaIdException}, {@link IncompatibleRecordTypeException},
 * {@link RegistryUnavailableException} or {@link RegistryException}. Callers that know the
 * partition and offset add them with {@link SerdeException#withLocation(int, long)}.
 *
 * <p>Built with a class, it needs only {@code schema.registry.url} from {@code configure}; built
 * with no arguments (by Kafka from a class name), it also needs {@code specific.avro.value.type}
 * or {@code specific.avro.key.type}. Safe for use by several threads once configured.
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private Class<T> type;
    private Schema readerSchema;
    private SchemaRegistryClient registry;
    private final Map<Integer, WriterPlan<T>> plans = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; the class comes from the configuration. */
    public SpecificAvroDeserializer() {}

    /** Reads into {@code type}; the registry comes from {@link #configure}. */
    public SpecificAvroDeserializer(Class<T> type) {
        setType(type);
    }

    /** With an existing client; the class comes from the configuration. */
    public SpecificAvroDeserializer(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Reads into {@code type} with an existing client; {@link #configure} is then optional. */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistryClient registry) {
        setType(type);
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        SerdeConfig config = SerdeConfig.parse(configs, isKey);
        if (type == null) {
            String key = isKey ? SerdeConfig.SPECIFIC_AVRO_KEY_TYPE : SerdeConfig.SPECIFIC_AVRO_VALUE_TYPE;
            Class<?> configured = config.specificType()
                    .orElseThrow(() -> new ConfigException(
                            "Missing required configuration \"" + key + "\": the generated Avro class to read into"));
            if (!SpecificRecord.class.isAssignableFrom(configured)) {
                throw new ConfigException(key, configured.getName(), "is not a generated Avro SpecificRecord class");
            }
            setType((Class<T>) configured);
        }
        if (registry == null) {
            registry = config.createClient();
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("SpecificAvroDeserializer used before configure()");
        }
        WirePayload payload = WireFormat.decode(topic, data);
        return plan(topic, payload.schemaId()).read(topic, payload);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return deserialize(topic, data);
    }

    /** The class this deserializer produces. */
    public Class<T> type() {
        return type;
    }

    private WriterPlan<T> plan(String topic, int schemaId) {
        WriterPlan<T> plan = plans.get(schemaId);
        if (plan != null) {
            return plan;
        }
        RegisteredSchema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(
                    topic,
                    schemaId,
                    "Schema id " + schemaId + " is not known to the registry (" + e.serverMessage() + ")",
                    e);
        } catch (SerdeException e) {
            throw e.withTopic(topic).withSchemaId(schemaId);
        }
        plan = WriterPlan.build(type, readerSchema, writer);
        plans.putIfAbsent(schemaId, plan);
        return plan;
    }

    private void setType(Class<T> newType) {
        this.type = Objects.requireNonNull(newType, "type");
        this.readerSchema = SpecificData.get().getSchema(newType);
        AvroTrust.trustPackageOf(newType);
    }
}
