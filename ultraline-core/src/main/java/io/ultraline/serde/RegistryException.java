package io.ultraline.serde;

/**
 * The registry answered a request with an error that retrying will not fix (a 4xx other than 408
 * and 429). Carries the HTTP status, the registry's {@code error_code} and its message.
 * Reason code {@link SerdeReason#REGISTRY_REJECTED}; the subclasses
 * {@link SchemaNotFoundException} and {@link IncompatibleSchemaException} have their own.
 */
public class RegistryException extends SerdeException {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final int httpStatus;
    private final int errorCode;
    private final String serverMessage;

    /**
     * @param url           the request URL
     * @param httpStatus    HTTP status of the answer
     * @param errorCode     the registry's {@code error_code}, 0 where it sent none (or sent 0, as
     *                      Apicurio does on a 409)
     * @param serverMessage the registry's {@code message}, or the start of a non-JSON body
     */
    public RegistryException(String url, int httpStatus, int errorCode, String serverMessage) {
        this(SerdeReason.REGISTRY_REJECTED, url, httpStatus, errorCode, serverMessage);
    }

    protected RegistryException(SerdeReason reason, String url, int httpStatus, int errorCode, String serverMessage) {
        this(
                SerdeFailure.of(reason, describe(url, httpStatus, errorCode, serverMessage)),
                url,
                httpStatus,
                errorCode,
                serverMessage);
    }

    protected RegistryException(SerdeFailure failure, String url, int httpStatus, int errorCode, String serverMessage) {
        super(failure, null);
        this.url = url;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The request URL that failed. */
    public String url() {
        return url;
    }

    /** The HTTP status of the answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, 0 where none was sent. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry's own message. */
    public String serverMessage() {
        return serverMessage;
    }

    @Override
    protected RegistryException copy(SerdeFailure changed) {
        return new RegistryException(changed, url, httpStatus, errorCode, serverMessage);
    }

    private static String describe(String url, int httpStatus, int errorCode, String serverMessage) {
        return "Schema registry answered HTTP " + httpStatus + " (error_code " + errorCode + ") to " + url + ": "
                + serverMessage;
    }
}
