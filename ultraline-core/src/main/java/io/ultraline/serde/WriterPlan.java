package io.ultraline.serde;

import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * How to read payloads of one writer schema id into the target class: either a resolving reader,
 * or the reason it cannot be done. Built once per id and cached, so a stream of records of a wrong
 * type costs one registry call, not one per record.
 */
final class WriterPlan<T extends SpecificRecord> {

    private final int schemaId;
    private final SpecificDatumReader<T> reader;
    private final String incompatibility;

    private WriterPlan(int schemaId, SpecificDatumReader<T> reader, String incompatibility) {
        this.schemaId = schemaId;
        this.reader = reader;
        this.incompatibility = incompatibility;
    }

    /** Checks that {@code writer} is the target record type and resolves to its schema. */
    static <T extends SpecificRecord> WriterPlan<T> build(Class<T> type, Schema readerSchema, RegisteredSchema writer) {
        if (!writer.isAvro()) {
            return refused(writer.id(), "is a " + writer.schemaType() + " schema, not Avro");
        }
        Schema writerSchema;
        try {
            writerSchema = new Schema.Parser().parse(writer.schema());
        } catch (SchemaParseException e) {
            return refused(writer.id(), "is not a valid Avro schema: " + e.getMessage());
        }
        String problem = Resolution.problem(readerSchema, writerSchema);
        if (problem != null) {
            return refused(writer.id(), problem);
        }
        SpecificDatumReader<T> reader =
                new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForClass(type));
        return new WriterPlan<>(writer.id(), reader, null);
    }

    private static <T extends SpecificRecord> WriterPlan<T> refused(int schemaId, String why) {
        return new WriterPlan<>(schemaId, null, "Writer schema " + schemaId + " " + why);
    }

    /** Decodes the body of {@code payload}, which must carry this plan's schema id. */
    T read(String topic, WirePayload payload) {
        if (reader == null) {
            throw new IncompatibleRecordTypeException(topic, schemaId, incompatibility, null);
        }
        BinaryDecoder decoder =
                DecoderFactory.get().binaryDecoder(payload.payload(), payload.bodyOffset(), payload.bodyLength(), null);
        T value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new TruncatedPayloadException(
                    topic, schemaId, "Avro body of " + payload.bodyLength() + " bytes ends before the record does", e);
        } catch (SecurityException e) {
            throw e; // an untrusted class is a deployment error, not bad input
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | ClassCastException
                | IllegalArgumentException e) {
            throw new CorruptPayloadException(
                    topic,
                    schemaId,
                    "Avro body of " + payload.bodyLength() + " bytes does not decode with its writer schema",
                    e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new CorruptPayloadException(
                        topic,
                        schemaId,
                        "Avro body of " + payload.bodyLength() + " bytes has bytes left over after the record",
                        null);
            }
        } catch (IOException e) {
            throw new CorruptPayloadException(topic, schemaId, "Avro body could not be checked for its end", e);
        }
        return value;
    }
}
