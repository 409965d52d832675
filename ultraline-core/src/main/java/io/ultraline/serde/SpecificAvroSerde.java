package io.ultraline.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka Streams {@link Serde} for one generated Avro class: a {@link SpecificAvroSerializer} and a
 * {@link SpecificAvroDeserializer} sharing one registry client, so their caches are shared too.
 * Build it with the class, then {@link #configure} it (or use {@link AvroSerdes}); Kafka Streams
 * does not configure serdes passed to {@code Consumed.with} / {@code Produced.with} itself.
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private SchemaRegistryClient registry;
    private SpecificAvroSerializer<T> serializer;
    private SpecificAvroDeserializer<T> deserializer;

    /** For {@code default.value.serde}: the class comes from {@code specific.avro.value.type}. */
    public SpecificAvroSerde() {
        this(null, null);
    }

    /** For {@code type}; the registry comes from {@link #configure}. */
    public SpecificAvroSerde(Class<T> type) {
        this(type, null);
    }

    /** For {@code type} with an existing client; {@link #configure} reads the other settings. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistryClient registry) {
        this.type = type;
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = SerdeConfig.parse(configs, isKey).createClient();
        }
        serializer = new SpecificAvroSerializer<>(registry);
        serializer.configure(configs, isKey);
        deserializer = type == null
                ? new SpecificAvroDeserializer<>(registry)
                : new SpecificAvroDeserializer<>(type, registry);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return requireConfigured(serializer);
    }

    @Override
    public Deserializer<T> deserializer() {
        return requireConfigured(deserializer);
    }

    private <S> S requireConfigured(S part) {
        if (part == null) {
            throw new IllegalStateException("SpecificAvroSerde used before configure(): call configure(config, isKey)"
                    + " or build it with AvroSerdes");
        }
        return part;
    }
}
