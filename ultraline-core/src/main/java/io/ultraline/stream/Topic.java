package io.ultraline.stream;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name and its key and value serdes, travelling together. The serdes must be configured
 * already (Kafka Streams does not configure serdes handed to {@code Consumed} or {@code Produced}).
 *
 * @param name       topic name
 * @param keySerde   serde of the record keys
 * @param valueSerde serde of the record values
 * @param <K>        key type
 * @param <V>        value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    /** Checks that every part is present and the name is a legal Kafka topic name. */
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde of " + name);
        Objects.requireNonNull(valueSerde, "valueSerde of " + name);
        if (name.isEmpty() || name.length() > 249 || !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException("'" + name + "' is not a legal topic name: 1 to 249 characters of "
                    + "ASCII letters, digits, '.', '_' and '-'");
        }
    }

    @Override
    public String toString() {
        return "Topic[" + name + "]";
    }
}
