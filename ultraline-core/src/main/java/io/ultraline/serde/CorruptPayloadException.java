package io.ultraline.serde;

/**
 * A payload whose Avro body does not decode with its writer schema, or has bytes left over.
 * Reason code {@link SerdeReason#CORRUPT_PAYLOAD}.
 */
public final class CorruptPayloadException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public CorruptPayloadException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.CORRUPT_PAYLOAD, detail, topic, null, null, schemaId), cause);
    }

    private CorruptPayloadException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected CorruptPayloadException copy(SerdeFailure changed) {
        return new CorruptPayloadException(changed, getCause());
    }
}
