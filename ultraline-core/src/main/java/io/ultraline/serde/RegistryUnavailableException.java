package io.ultraline.serde;

import java.util.List;

/**
 * The registry could not be reached, or kept answering 5xx, 408 or 429, on every configured URL
 * through every retry. Names the URLs and the number of requests made.
 * Reason code {@link SerdeReason#REGISTRY_UNAVAILABLE}.
 */
public final class RegistryUnavailableException extends SerdeException {

    private static final long serialVersionUID = 1L;

    private final List<String> urls;
    private final int attempts;

    /**
     * @param urls     the registry base URLs tried
     * @param attempts how many requests were made in all
     * @param detail   what the last request met
     * @param cause    the last I/O error, or {@code null} when the last failure was an HTTP status
     */
    public RegistryUnavailableException(List<String> urls, int attempts, String detail, Throwable cause) {
        this(
                SerdeFailure.of(
                        SerdeReason.REGISTRY_UNAVAILABLE,
                        "Schema registry unavailable at " + urls + " after " + attempts + " attempts: " + detail),
                urls,
                attempts,
                cause);
    }

    private RegistryUnavailableException(SerdeFailure failure, List<String> urls, int attempts, Throwable cause) {
        super(failure, cause);
        this.urls = List.copyOf(urls);
        this.attempts = attempts;
    }

    /** The registry base URLs that were tried. */
    public List<String> urls() {
        return urls;
    }

    /** How many requests were made before giving up. */
    public int attempts() {
        return attempts;
    }

    @Override
    protected RegistryUnavailableException copy(SerdeFailure changed) {
        return new RegistryUnavailableException(changed, urls, attempts, getCause());
    }
}
