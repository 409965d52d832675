package io.ultraline.serde;

/**
 * The registry answered 404: the subject, version or schema does not exist (Confluent error codes
 * 40401, 40402, 40403). Reason code {@link SerdeReason#SCHEMA_NOT_FOUND}. The deserializer turns it
 * into an {@link UnknownSchemaIdException}; the serializer lets it through when
 * {@code auto.register.schemas} is false and the schema was never registered.
 */
public final class SchemaNotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String url, int errorCode, String serverMessage) {
        super(SerdeReason.SCHEMA_NOT_FOUND, url, 404, errorCode, serverMessage);
    }

    private SchemaNotFoundException(SerdeFailure failure, RegistryException original) {
        super(failure, original.url(), original.httpStatus(), original.errorCode(), original.serverMessage());
    }

    @Override
    protected SchemaNotFoundException copy(SerdeFailure changed) {
        return new SchemaNotFoundException(changed, this);
    }
}
