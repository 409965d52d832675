package io.ultraline.serde;

/**
 * The registry refused a schema as incompatible with the versions under its subject (HTTP 409).
 * Recognised by the status alone: Confluent sends {@code error_code} 409, Apicurio sends 0.
 * Reason code {@link SerdeReason#INCOMPATIBLE_SCHEMA}; {@link #serverMessage()} says why.
 */
public final class IncompatibleSchemaException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String url, int errorCode, String serverMessage) {
        super(SerdeReason.INCOMPATIBLE_SCHEMA, url, 409, errorCode, serverMessage);
    }

    private IncompatibleSchemaException(SerdeFailure failure, RegistryException original) {
        super(failure, original.url(), original.httpStatus(), original.errorCode(), original.serverMessage());
    }

    @Override
    protected IncompatibleSchemaException copy(SerdeFailure changed) {
        return new IncompatibleSchemaException(changed, this);
    }
}
