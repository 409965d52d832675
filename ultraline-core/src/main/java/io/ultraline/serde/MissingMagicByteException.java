package io.ultraline.serde;

/**
 * A payload that does not start with the Confluent magic byte {@code 0}.
 * Reason code {@link SerdeReason#MISSING_MAGIC_BYTE}.
 */
public final class MissingMagicByteException extends SerdeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param topic    topic of the record, or {@code null}
     * @param schemaId schema id from the payload header, or {@code null} where not read yet
     * @param detail   what was wrong, for people
     * @param cause    the underlying error, or {@code null}
     */
    public MissingMagicByteException(String topic, Integer schemaId, String detail, Throwable cause) {
        this(new SerdeFailure(SerdeReason.MISSING_MAGIC_BYTE, detail, topic, null, null, schemaId), cause);
    }

    private MissingMagicByteException(SerdeFailure failure, Throwable cause) {
        super(failure, cause);
    }

    @Override
    protected MissingMagicByteException copy(SerdeFailure changed) {
        return new MissingMagicByteException(changed, getCause());
    }
}
