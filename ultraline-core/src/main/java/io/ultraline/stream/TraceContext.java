package io.ultraline.stream;

import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The W3C trace context headers ({@code traceparent}, {@code tracestate}) of an input frame, copied
 * onto every output the frame leads to. Outputs are built from the batch buffer, not forwarded from
 * the input record, so without this copy a tracer would see each frame's trace end at
 * {@code line.frames}. Only these two headers travel: the others describe the input record
 * (producer ids, content types) and would be wrong on an output. The values are copied byte for byte;
 * a malformed value is the tracer's to judge, not the pipeline's.
 */
final class TraceContext {

    /** W3C Trace Context header names, as OpenTelemetry's Kafka instrumentation writes them. */
    static final List<String> HEADERS = List.of("traceparent", "tracestate");

    private TraceContext() {}

    /** The trace headers of a buffered input record (the last value of each, as a consumer reads them). */
    static Headers of(OriginalRecord source) {
        RecordHeaders out = new RecordHeaders();
        for (String name : HEADERS) {
            byte[] last = null;
            for (OriginalRecord.HeaderBytes h : source.headers()) {
                if (h.name().equals(name)) {
                    last = h.value();
                }
            }
            if (last != null) {
                out.add(name, last.clone());
            }
        }
        return out;
    }

    /** The trace headers among {@code headers}: an output derived from another output keeps only these. */
    static Headers of(Headers headers) {
        RecordHeaders out = new RecordHeaders();
        for (String name : HEADERS) {
            Header last = headers == null ? null : headers.lastHeader(name);
            if (last != null && last.value() != null) {
                out.add(name, last.value().clone());
            }
        }
        return out;
    }
}
