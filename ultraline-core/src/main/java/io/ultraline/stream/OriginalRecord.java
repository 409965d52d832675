package io.ultraline.stream;

import io.ultraline.avro.SourceRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An input record as it sat on its topic: where, when, and its exact key, value and headers. Frames
 * carry it through the batch buffer so that every output names its source and every dead letter
 * holds the original bytes.
 *
 * @param topic     source topic
 * @param partition source partition
 * @param offset    source offset
 * @param timestamp record timestamp
 * @param key       original key bytes, or null
 * @param value     original value bytes, or null
 * @param headers   original headers in order (a null header value is kept as an empty array)
 */
record OriginalRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value, List<HeaderBytes> headers) {

    /** One header. */
    record HeaderBytes(String name, byte[] value) {
        HeaderBytes {
            Objects.requireNonNull(name, "name");
            value = value == null ? new byte[0] : value;
        }
    }

    OriginalRecord {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    static List<HeaderBytes> headers(Headers headers) {
        List<HeaderBytes> out = new ArrayList<>();
        if (headers != null) {
            for (Header h : headers) {
                out.add(new HeaderBytes(h.key(), h.value()));
            }
        }
        return out;
    }

    /** The SourceRef every output carries. */
    SourceRef sourceRef() {
        return new SourceRef(topic, partition, offset);
    }

    /** The last value of each header name, as RejectedFrame keeps them. */
    Map<String, java.nio.ByteBuffer> lastHeaderValues() {
        Map<String, java.nio.ByteBuffer> out = new LinkedHashMap<>();
        for (HeaderBytes h : headers) {
            out.put(h.name(), java.nio.ByteBuffer.wrap(h.value().clone()));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OriginalRecord r
                && topic.equals(r.topic)
                && partition == r.partition
                && offset == r.offset
                && timestamp == r.timestamp
                && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value)
                && headersEqual(headers, r.headers);
    }

    private static boolean headersEqual(List<HeaderBytes> a, List<HeaderBytes> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equals(b.get(i).name())
                    || !Arrays.equals(a.get(i).value(), b.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
