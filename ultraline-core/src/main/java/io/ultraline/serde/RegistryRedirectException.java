package io.ultraline.serde;

/**
 * The registry answered a redirect the client does not follow: to another origin (scheme, host or
 * port), where the {@code Authorization} header must not go, or one redirect too many. Names the
 * target's origin only, never its path or query, which may carry tokens. Reason code
 * {@link SerdeReason#REGISTRY_REJECTED}: point {@code schema.registry.url} at the final address.
 */
public final class RegistryRedirectException extends RegistryException {

    private static final long serialVersionUID = 1L;

    /**
     * @param url        the request URL that answered the redirect
     * @param httpStatus the 3xx status
     * @param why        what was refused, e.g. "redirected to another origin https://b:443"
     */
    public RegistryRedirectException(String url, int httpStatus, String why) {
        super(SerdeReason.REGISTRY_REJECTED, url, httpStatus, 0, why + "; not followed");
    }

    private RegistryRedirectException(SerdeFailure failure, RegistryException original) {
        super(failure, original.url(), original.httpStatus(), original.errorCode(), original.serverMessage());
    }

    @Override
    protected RegistryRedirectException copy(SerdeFailure changed) {
        return new RegistryRedirectException(changed, this);
    }
}
