package io.ultraline.serde;

/**
 * A record that cannot be written with its schema, for example a null in a non-null field.
 * Reason code {@link SerdeReason#ENCODING_FAILED}.
 */
public final class RecordEncodingException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public RecordEncodingException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.ENCODING_FAILED, detail, topic, null, null, schemaId), cause);
    }

    private RecordEncodingException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected RecordEncodingException copy(SerdeFailure changed) {
        return new RecordEncodingException(changed, getCause());
    }
}
