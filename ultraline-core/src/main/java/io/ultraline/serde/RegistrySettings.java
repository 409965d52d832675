package io.ultraline.serde;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the registry is and how to talk to it.
 *
 * @param baseUrls       one or more base URLs, path prefix included (for Apicurio
 *                       {@code http://host:port/apis/ccompat/v7}), without user info; tried in
 *                       order, moving on when one fails
 * @param userInfo       {@code user:password} for HTTP basic authentication, if any
 * @param retry          retries and backoff
 * @param requestTimeout connect and response timeout of one request
 */
public record RegistrySettings(
        List<URI> baseUrls, Optional<String> userInfo, RegistryRetryPolicy retry, Duration requestTimeout) {

    public RegistrySettings {
        baseUrls = List.copyOf(baseUrls);
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        for (URI url : baseUrls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                throw new IllegalArgumentException("schema registry URL must be http or https: " + url);
            }
            if (url.getRawUserInfo() != null) {
                throw new IllegalArgumentException("pass credentials as userInfo, not in the URL: " + url.getHost());
            }
        }
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(retry, "retry");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
    }

    /** One URL, no authentication, the default retries and timeout of {@link SerdeConfig}. */
    public static RegistrySettings of(String baseUrl) {
        return new RegistrySettings(
                List.of(URI.create(baseUrl)),
                Optional.empty(),
                new RegistryRetryPolicy(
                        SerdeConfig.DEFAULT_RETRIES,
                        Duration.ofMillis(SerdeConfig.DEFAULT_RETRY_BACKOFF_MS),
                        Duration.ofMillis(SerdeConfig.DEFAULT_RETRY_BACKOFF_MAX_MS)),
                Duration.ofMillis(SerdeConfig.DEFAULT_REQUEST_TIMEOUT_MS));
    }

    /** The base URLs as text, for messages. */
    public List<String> urlTexts() {
        return baseUrls.stream().map(URI::toString).toList();
    }

    @Override
    public String toString() {
        return "RegistrySettings[baseUrls=" + baseUrls + ", userInfo="
                + userInfo.map(u -> "****").orElse("none") + ", retry=" + retry + ", requestTimeout=" + requestTimeout
                + "]";
    }
}
