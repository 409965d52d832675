package io.ultraline.serde;

/**
 * A payload shorter than the 5-byte header, or whose Avro body ends before the record does.
 * Reason code {@link SerdeReason#TRUNCATED_PAYLOAD}.
 */
public final class TruncatedPayloadException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public TruncatedPayloadException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.TRUNCATED_PAYLOAD, detail, topic, null, null, schemaId), cause);
    }

    private TruncatedPayloadException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected TruncatedPayloadException copy(SerdeFailure changed) {
        return new TruncatedPayloadException(changed, getCause());
    }
}
