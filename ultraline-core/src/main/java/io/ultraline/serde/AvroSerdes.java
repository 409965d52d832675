package io.ultraline.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ready-configured serdes for generated Avro classes, for Kafka Streams topologies:
 * {@code Consumed.with(Serdes.String(), AvroSerdes.specific(CameraFrame.class, config))}.
 */
public final class AvroSerdes {

    private AvroSerdes() {}

    /** A value serde for {@code type}, configured from {@code config} (needs schema.registry.url). */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(Class<T> type, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type), config, false);
    }

    /** A key serde for {@code type}, configured from {@code config}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specificKey(Class<T> type, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type), config, true);
    }

    /** A value serde for {@code type} over an existing client, configured from {@code config}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> specific(
            Class<T> type, SchemaRegistryClient registry, Map<String, ?> config) {
        return configured(new SpecificAvroSerde<>(type, registry), config, false);
    }

    private static <T extends SpecificRecord> SpecificAvroSerde<T> configured(
            SpecificAvroSerde<T> serde, Map<String, ?> config, boolean isKey) {
        serde.configure(config, isKey);
        return serde;
    }
}
