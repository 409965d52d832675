package io.ultraline.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON request to the registry with failover across the base URLs and bounded, exponentially
 * backed-off retries. Connection errors, timeouts, 5xx, 408 and 429 are retried; other 4xx are
 * turned into {@link RegistryException}s at once.
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final int MAX_BODY_IN_MESSAGE = 300;
    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    private final RegistrySettings settings;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    /** Index of the base URL that answered last; requests start there. */
    private volatile int preferred;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        this.authorization = settings.userInfo().map(info -> "Basic "
                + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder()
                // HTTP/2 upgrade attempts on cleartext confuse some proxies; the API needs nothing of 2
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends {@code method path} with an optional JSON body and returns the parsed answer.
     *
     * @param path starts with {@code /}; subject names in it must already be encoded
     */
    JsonNode send(String method, String path, JsonNode body) {
        List<URI> urls = settings.baseUrls();
        RetryPolicy retry = settings.retry();
        int attempts = 0;
        String lastFailure = "no request made";
        Throwable lastCause = null;
        for (int round = 0; round <= retry.retries(); round++) {
            pause(retry.backoffBefore(round), urls, attempts);
            int start = preferred;
            for (int i = 0; i < urls.size(); i++) {
                int index = (start + i) % urls.size();
                URI uri = URI.create(withoutTrailingSlash(urls.get(index).toString()) + path);
                attempts++;
                try {
                    HttpResponse<String> response = http.send(request(method, uri, body),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        preferred = index;
                        return parse(uri, status, response.body());
                    }
                    if (!isRetryable(status)) {
                        throw RegistryErrors.fromResponse(uri.toString(), status, response.body(), json);
                    }
                    lastFailure = method + " " + uri + " answered HTTP " + status + ": " + shorten(response.body());
                    lastCause = null;
                } catch (IOException e) {
                    lastFailure = method + " " + uri + " failed: " + e;
                    lastCause = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnavailableException(settings.urlTexts(), attempts,
                            "interrupted during " + method + " " + uri, e);
                }
                LOG.debug("Schema registry request failed (attempt {}): {}", attempts, lastFailure);
            }
        }
        throw new RegistryUnavailableException(settings.urlTexts(), attempts, lastFailure, lastCause);
    }

    private HttpRequest request(String method, URI uri, JsonNode body) throws JsonProcessingException {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", ACCEPT)
                .header("User-Agent", "ultraline-serde")
                .method(method, publisher);
        if (body != null) {
            builder.header("Content-Type", CONTENT_TYPE);
        }
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder.build();
    }

    private JsonNode parse(URI uri, int status, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RegistryException(uri.toString(), status, 0, "answer is not JSON: " + shorten(text));
        }
    }

    private void pause(Duration backoff, List<URI> urls, int attempts) {
        if (backoff.isZero()) {
            return;
        }
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(settings.urlTexts(), attempts,
                    "interrupted while backing off before a retry to " + urls, e);
        }
    }

    static boolean isRetryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_BODY_IN_MESSAGE ? text : text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
