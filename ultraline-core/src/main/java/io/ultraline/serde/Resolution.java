package io.ultraline.serde;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Whether data written with one record schema can be read with another. */
final class Resolution {

    private Resolution() {}

    /**
     * Why {@code reader} cannot read what {@code writer} wrote, or {@code null} when it can. Avro's
     * own check compares only unqualified record names, so the full name (or a reader alias) is
     * checked first: another namespace is another record type.
     */
    static String problem(Schema reader, Schema writer) {
        if (writer.getType() != Schema.Type.RECORD) {
            return "is a " + writer.getType() + ", not the record " + reader.getFullName();
        }
        String writerName = writer.getFullName();
        if (!writerName.equals(reader.getFullName()) && !reader.getAliases().contains(writerName)) {
            return "is record " + writerName + ", not " + reader.getFullName();
        }
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (check.getType() != SchemaCompatibilityType.COMPATIBLE) {
            return "does not resolve to " + reader.getFullName() + ": "
                    + check.getResult().getIncompatibilities();
        }
        return null;
    }
}
