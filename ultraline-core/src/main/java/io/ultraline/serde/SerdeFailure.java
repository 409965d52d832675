package io.ultraline.serde;

import java.io.Serializable;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What went wrong and where: the reason code, a human-readable detail, and the location as far as
 * it is known. The Kafka (de)serializer layer knows the topic but never the partition and offset;
 * callers that know them add them with {@link SerdeException#withLocation(int, long)}.
 *
 * @param reason    machine-readable cause
 * @param detail    human-readable description, without the location
 * @param topic     topic of the record, or {@code null} outside a (de)serializer call
 * @param partition partition of the record, or {@code null} where unknown
 * @param offset    offset of the record, or {@code null} where unknown
 * @param schemaId  registry id of the schema involved, or {@code null} where none is
 */
public record SerdeFailure(
        SerdeReason reason, String detail, String topic, Integer partition, Long offset, Integer schemaId)
        implements Serializable {

    public SerdeFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /** A failure with no location yet. */
    public static SerdeFailure of(SerdeReason reason, String detail) {
        return new SerdeFailure(reason, detail, null, null, null, null);
    }

    /** The same failure, seen on {@code newTopic}. */
    public SerdeFailure withTopic(String newTopic) {
        return new SerdeFailure(reason, detail, newTopic, partition, offset, schemaId);
    }

    /** The same failure, at a known partition and offset. */
    public SerdeFailure withLocation(int newPartition, long newOffset) {
        return new SerdeFailure(reason, detail, topic, newPartition, newOffset, schemaId);
    }

    /** The same failure, about schema {@code id}. */
    public SerdeFailure withSchemaId(int id) {
        return new SerdeFailure(reason, detail, topic, partition, offset, id);
    }

    /** The exception message: detail, then the known location and the cause. */
    String message(Throwable cause) {
        StringJoiner where = new StringJoiner(", ", " [", "]");
        where.add("reason=" + reason);
        if (topic != null) {
            where.add("topic=" + topic);
        }
        if (partition != null) {
            where.add("partition=" + partition);
        }
        if (offset != null) {
            where.add("offset=" + offset);
        }
        if (schemaId != null) {
            where.add("schemaId=" + schemaId);
        }
        String text = detail + where;
        return cause == null ? text : text + "; cause: " + cause;
    }
}
