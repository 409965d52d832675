package io.ultraline.stream;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Wraps a topic's serde so that the source node keeps the payload bytes next to the object. A
 * failure of the wrapped deserializer propagates unchanged, so it still reaches the configured
 * deserialization exception handler. Serializing writes the kept bytes when there are some.
 */
final class WithBytesSerde<T> implements Serde<WithBytes<T>> {

    private final Serde<T> inner;

    WithBytesSerde(Serde<T> inner) {
        this.inner = inner;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // the wrapped serde comes configured (see Topic)
    }

    @Override
    public Serializer<WithBytes<T>> serializer() {
        Serializer<T> serializer = inner.serializer();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, WithBytes<T> data) {
                return data == null
                        ? null
                        : data.bytes() != null ? data.bytes() : serializer.serialize(topic, data.value());
            }

            @Override
            public byte[] serialize(String topic, Headers headers, WithBytes<T> data) {
                return data == null
                        ? null
                        : data.bytes() != null ? data.bytes() : serializer.serialize(topic, headers, data.value());
            }
        };
    }

    @Override
    public Deserializer<WithBytes<T>> deserializer() {
        Deserializer<T> deserializer = inner.deserializer();
        return new Deserializer<>() {
            @Override
            public WithBytes<T> deserialize(String topic, byte[] data) {
                return new WithBytes<>(data == null ? null : deserializer.deserialize(topic, data), data);
            }

            @Override
            public WithBytes<T> deserialize(String topic, Headers headers, byte[] data) {
                return new WithBytes<>(data == null ? null : deserializer.deserialize(topic, headers, data), data);
            }
        };
    }
}
