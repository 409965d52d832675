package io.ultraline.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Measures a frame's outputs before any of them is forwarded (see {@link OutputLimits}): the Avro
 * body plus the 5 bytes of the Confluent wire format, the key, and room for the record's framing.
 * Profile snapshots are not measured: their topic's limit is sized for the memory bank
 * (topics.md). Not thread-safe: one per processor.
 */
final class OutputSizeGuard {

    /** Kafka's per-record framing (lengths, attributes, timestamp and offset deltas) stays under this. */
    static final int RECORD_OVERHEAD = 512;

    /** Magic byte and schema id of the Confluent wire format. */
    static final int WIRE_HEADER = 5;

    private final int maxRecordBytes;
    private final Map<Schema, SpecificDatumWriter<Object>> writers = new HashMap<>();
    private BinaryEncoder encoder;

    OutputSizeGuard(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Why the outputs cannot all be written, or empty when each fits. */
    Optional<String> tooLarge(List<Record<String, PipelineOutput>> outputs) {
        for (Record<String, PipelineOutput> r : outputs) {
            SpecificRecordBase body = body(r.value());
            if (body == null) {
                continue;
            }
            long size = size(body)
                    + (r.key() == null ? 0 : r.key().getBytes(StandardCharsets.UTF_8).length)
                    + RECORD_OVERHEAD;
            if (size > maxRecordBytes) {
                return Optional.of("its " + body.getSchema().getName() + " would be about " + size
                        + " bytes, more than " + OutputLimits.KEY_MAX_RECORD_BYTES + " (" + maxRecordBytes + ")");
            }
        }
        return Optional.empty();
    }

    private static SpecificRecordBase body(PipelineOutput output) {
        if (output instanceof PipelineOutput.Verdict v) {
            return v.verdict();
        }
        if (output instanceof PipelineOutput.Defect d) {
            return d.region();
        }
        if (output instanceof PipelineOutput.Explanation e) {
            return e.explanation();
        }
        return null;
    }

    private long size(SpecificRecordBase record) {
        Counting counting = new Counting();
        encoder = EncoderFactory.get().directBinaryEncoder(counting, encoder);
        try {
            writers.computeIfAbsent(record.getSchema(), SpecificDatumWriter::new)
                    .write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot measure a " + record.getSchema().getName(), e);
        }
        return counting.bytes + WIRE_HEADER;
    }

    /** Counts what is written and keeps none of it. */
    private static final class Counting extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
