package io.ultraline.serde;

/**
 * A payload whose schema id the registry does not know (HTTP 404, error code 40403).
 * Reason code {@link SerdeReason#UNKNOWN_SCHEMA_ID}.
 */
public final class UnknownSchemaIdException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public UnknownSchemaIdException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.UNKNOWN_SCHEMA_ID, detail, topic, null, null, schemaId), cause);
    }

    private UnknownSchemaIdException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected UnknownSchemaIdException copy(SerdeFailure changed) {
        return new UnknownSchemaIdException(changed, getCause());
    }
}
