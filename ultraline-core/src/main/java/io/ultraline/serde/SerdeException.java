package io.ultraline.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Root of every failure of this package. It is a Kafka {@link SerializationException}, so Kafka
 * Streams hands it to the configured deserialization exception handler, and it carries a
 * {@link SerdeReason} and a {@link SerdeFailure} with the topic, schema id and, once a caller adds
 * them with {@link #withLocation(int, long)}, the partition and offset.
 *
 * <p>Instances are immutable: the {@code with...} methods return a new exception of the same
 * subclass, with the same cause and stack trace.
 */
public abstract class SerdeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final SerdeFailure failure;

    protected SerdeException(SerdeFailure failure, Throwable cause) {
        super(failure.message(cause), cause);
        this.failure = failure;
    }

    /** The machine-readable cause. */
    public SerdeReason reason() {
        return failure.reason();
    }

    /** The reason, detail and location. */
    public SerdeFailure failure() {
        return failure;
    }

    /** A copy that names the partition and offset of the record. */
    public SerdeException withLocation(int partition, long offset) {
        return rebuilt(failure.withLocation(partition, offset));
    }

    /** A copy that names the topic of the record. */
    public SerdeException withTopic(String topic) {
        return rebuilt(failure.withTopic(topic));
    }

    /** A copy about schema {@code schemaId}. */
    public SerdeException withSchemaId(int schemaId) {
        return rebuilt(failure.withSchemaId(schemaId));
    }

    /** A new exception of the same subclass and cause with {@code changed} as its failure. */
    protected abstract SerdeException copy(SerdeFailure changed);

    private SerdeException rebuilt(SerdeFailure changed) {
        SerdeException copy = copy(changed);
        copy.setStackTrace(getStackTrace());
        for (Throwable suppressed : getSuppressed()) {
            copy.addSuppressed(suppressed);
        }
        return copy;
    }
}
