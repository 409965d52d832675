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
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON request to the registry with failover across the base URLs and bounded, exponentially
 * backed-off retries. Connection errors, timeouts, 5xx, 408 and 429 are retried; other 4xx are
 * turned into {@link RegistryException}s at once.
 *
 * <p>Credentials stay with the registry: redirects are followed by this class, not by the HTTP
 * client, and only within the origin (scheme, host and port) of the URL that answered, at most
 * {@value #MAX_REDIRECTS} times, keeping method and body. A redirect to another origin fails with a
 * {@link RegistryRedirectException} before anything is sent there, since the Basic
 * {@code Authorization} header would go with it. No answer is read past
 * {@value #MAX_RESPONSE_BYTES} bytes ({@link RegistryResponseTooLargeException}).
 */
final class RegistryHttp {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = "application/vnd.schemaregistry.v1+json, "
            + "application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5";
    private static final int MAX_BODY_IN_MESSAGE = 300;
    /** Longest answer read; schemas are kilobytes, so this only stops a misbehaving server. */
    static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    /** Same-origin redirects followed for one request. */
    static final int MAX_REDIRECTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

    private final RegistrySettings settings;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final BoundedBodyHandler bodyHandler = new BoundedBodyHandler(MAX_RESPONSE_BYTES);
    private final ObjectMapper json = new ObjectMapper();
    /** Index of the base URL that answered last; requests start there. */
    private volatile int preferred;

    RegistryHttp(RegistrySettings settings) {
        this.settings = settings;
        this.authorization = settings.userInfo()
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        this.http = HttpClient.newBuilder()
                // HTTP/2 upgrade attempts on cleartext confuse some proxies; the API needs nothing of 2
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout())
                // followed by exchange(), within the origin only: the client's NORMAL policy would carry
                // the Authorization header to whatever host a redirect names
                .followRedirects(HttpClient.Redirect.NEVER)
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
        RegistryRetryPolicy retry = settings.retry();
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
                    HttpResponse<byte[]> response = exchange(method, uri, body);
                    int status = response.statusCode();
                    String text = new String(response.body(), StandardCharsets.UTF_8);
                    if (status >= 200 && status < 300) {
                        preferred = index;
                        return parse(uri, status, text);
                    }
                    if (!isRetryable(status)) {
                        throw RegistryErrors.fromResponse(uri.toString(), status, text, json);
                    }
                    lastFailure = method + " " + uri + " answered HTTP " + status + ": " + shorten(text);
                    lastCause = null;
                } catch (IOException e) {
                    BoundedBodyHandler.TooLarge tooLarge = BoundedBodyHandler.TooLarge.in(e);
                    if (tooLarge != null) {
                        throw new RegistryResponseTooLargeException(
                                uri.toString(), tooLarge.status(), tooLarge.limit());
                    }
                    lastFailure = method + " " + uri + " failed: " + e;
                    lastCause = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryUnavailableException(
                            settings.urlTexts(), attempts, "interrupted during " + method + " " + uri, e);
                }
                LOG.debug("Schema registry request failed (attempt {}): {}", attempts, lastFailure);
            }
        }
        throw new RegistryUnavailableException(settings.urlTexts(), attempts, lastFailure, lastCause);
    }

    /** Sends the request, following redirects within the origin of {@code uri}. */
    private HttpResponse<byte[]> exchange(String method, URI uri, JsonNode body)
            throws IOException, InterruptedException {
        URI target = uri;
        for (int followed = 0; ; followed++) {
            HttpResponse<byte[]> response = http.send(request(method, target, body), bodyHandler);
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return response;
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                throw new RegistryRedirectException(uri.toString(), status, "redirect without a Location header");
            }
            URI next;
            try {
                next = target.resolve(location.get());
            } catch (IllegalArgumentException e) {
                throw new RegistryRedirectException(uri.toString(), status, "redirect to an unreadable Location");
            }
            if (!origin(next).equals(origin(target))) {
                throw new RegistryRedirectException(
                        uri.toString(), status, "redirected to another origin " + origin(next));
            }
            if (followed == MAX_REDIRECTS) {
                throw new RegistryRedirectException(
                        uri.toString(), status, "more than " + MAX_REDIRECTS + " redirects");
            }
            target = next;
        }
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** {@code scheme://host:port} with the default port spelt out, so :443 and no port compare equal. */
    static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
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
            throw new RegistryUnavailableException(
                    settings.urlTexts(), attempts, "interrupted while backing off before a retry to " + urls, e);
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
