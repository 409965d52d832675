package io.ultraline.serde;

/**
 * A payload written with a schema that is not the target record type (another full name, not a
 * record, not Avro) or that Avro schema resolution cannot turn into the target class.
 * Reason code {@link SerdeReason#INCOMPATIBLE_RECORD_TYPE}.
 */
public final class IncompatibleRecordTypeException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public IncompatibleRecordTypeException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.INCOMPATIBLE_RECORD_TYPE, detail, topic, null, null, schemaId), cause);
    }

    private IncompatibleRecordTypeException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected IncompatibleRecordTypeException copy(SerdeFailure changed) {
        return new IncompatibleRecordTypeException(changed, getCause());
    }
}
