package io.ultraline.serde;

/**
 * The registry's answer is longer than the client reads ({@code limit} bytes); the client stopped
 * reading it. Schemas are kilobytes, so this is a misbehaving server or something in front of it,
 * never a record's fault. Reason code {@link SerdeReason#REGISTRY_REJECTED}.
 */
public final class RegistryResponseTooLargeException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param url        the request URL
     * @param httpStatus the status of the oversized answer
     * @param limit      the most bytes the client reads of one answer
     */
    public RegistryResponseTooLargeException(String url, int httpStatus, long limit) {
        super(SerdeReason.REGISTRY_REJECTED, url, httpStatus, 0, "answer has more than " + limit + " bytes; not read");
    }

    private RegistryResponseTooLargeException(SerdeFailure failure, RegistryException original) {
        super(failure, original.url(), original.httpStatus(), original.errorCode(), original.serverMessage());
    }

    @Override
    protected RegistryResponseTooLargeException copy(SerdeFailure changed) {
        return new RegistryResponseTooLargeException(changed, this);
    }
}
