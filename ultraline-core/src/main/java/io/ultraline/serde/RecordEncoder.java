package io.ultraline.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Writes records of one generated class with that class's own schema. */
final class RecordEncoder {

    private final Schema schema;
    private final String schemaText;
    private final DatumWriter<Object> writer;

    RecordEncoder(Schema schema) {
        this.schema = schema;
        this.schemaText = schema.toString();
        this.writer = new SpecificDatumWriter<>(schema, SpecificData.getForSchema(schema));
    }

    Schema schema() {
        return schema;
    }

    /** The schema as sent to the registry; the same text every time, so lookups match. */
    String schemaText() {
        return schemaText;
    }

    /** Header for {@code schemaId} followed by the record's Avro body. */
    byte[] encode(String topic, int schemaId, SpecificRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, schemaId);
        writeBody(topic, schemaId, record, out);
        return out.toByteArray();
    }

    /** The record's Avro body alone. */
    byte[] body(String topic, int schemaId, SpecificRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        writeBody(topic, schemaId, record, out);
        return out.toByteArray();
    }

    private void writeBody(String topic, int schemaId, SpecificRecord record, ByteArrayOutputStream out) {
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new RecordEncodingException(
                    topic, schemaId, "Record of " + schema.getFullName() + " cannot be written with its schema", e);
        }
    }
}
