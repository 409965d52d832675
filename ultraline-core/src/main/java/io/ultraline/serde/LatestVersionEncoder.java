package io.ultraline.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/**
 * Writes records with a subject's latest version instead of their own schema
 * ({@code use.latest.version}). When both schemas have the same parsing canonical form the bytes
 * are the same, and the record is written directly; otherwise the latest version must be able to
 * read the record's schema, and the record is resolved into it before writing, so consumers see
 * exactly the latest version's layout under its id.
 */
final class LatestVersionEncoder {

    private final RecordEncoder own;
    private final int latestId;
    private final GenericDatumReader<Object> resolver;
    private final GenericDatumWriter<Object> latestWriter;

    private LatestVersionEncoder(RecordEncoder own, int latestId, Schema latest, boolean sameLayout) {
        this.own = own;
        this.latestId = latestId;
        this.resolver = sameLayout ? null : new GenericDatumReader<>(own.schema(), latest);
        this.latestWriter = sameLayout ? null : new GenericDatumWriter<>(latest);
    }

    /**
     * @throws RecordEncodingException when the latest version is not Avro or cannot read records
     *                                 of the class
     */
    static LatestVersionEncoder build(String topic, String subject, RegisteredSchema latest, RecordEncoder own) {
        String prefix =
                "Latest version " + latest.version() + " of subject " + subject + " (schema id " + latest.id() + ") ";
        if (!latest.isAvro()) {
            throw new RecordEncodingException(
                    topic, latest.id(), prefix + "is " + latest.schemaType() + ", not Avro", null);
        }
        Schema latestSchema;
        try {
            latestSchema = new Schema.Parser().parse(latest.schema());
        } catch (SchemaParseException e) {
            throw new RecordEncodingException(topic, latest.id(), prefix + "is not a valid Avro schema", e);
        }
        boolean sameLayout =
                SchemaNormalization.toParsingForm(latestSchema).equals(SchemaNormalization.toParsingForm(own.schema()));
        if (!sameLayout) {
            String problem = Resolution.problem(latestSchema, own.schema());
            if (problem != null) {
                throw new RecordEncodingException(
                        topic,
                        latest.id(),
                        prefix + "cannot carry records of " + own.schema().getFullName() + ": the record's schema "
                                + problem,
                        null);
            }
        }
        return new LatestVersionEncoder(own, latest.id(), latestSchema, sameLayout);
    }

    byte[] encode(String topic, SpecificRecord record) {
        if (resolver == null) {
            return own.encode(topic, latestId, record);
        }
        byte[] body = own.body(topic, latestId, record);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + WireFormat.HEADER_LENGTH + 16);
        WireFormat.writeHeader(out, latestId);
        try {
            Object resolved = resolver.read(null, DecoderFactory.get().binaryDecoder(body, null));
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            latestWriter.write(resolved, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new RecordEncodingException(
                    topic,
                    latestId,
                    "Record of " + own.schema().getFullName() + " cannot be converted to schema id " + latestId,
                    e);
        }
        return out.toByteArray();
    }
}
