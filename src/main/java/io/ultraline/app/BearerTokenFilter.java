package io.ultraline.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * With security on, every request except health needs the configured bearer token: in the
 * {@code Authorization} header, or (for GETs, so a browser can open the dashboard) as the
 * {@code access_token} query parameter (RFC 6750, section 2.3). Missing or wrong: 401 and no data.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "ultraline.security.enabled", value = "true", defaultValue = "true")
final class BearerTokenFilter {

    static final String QUERY_PARAMETER = "access_token";

    private final byte[] token;

    BearerTokenFilter(ServiceSettings settings) {
        this.token = settings.security().token().trim().getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/health") || path.startsWith("/health/")) {
            return null;
        }
        String given = request.getHeaders().getAuthorization()
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim())
                .orElse(null);
        if (given == null && request.getMethod() == HttpMethod.GET) {
            given = request.getParameters().get(QUERY_PARAMETER);
        }
        if (given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"ultraline\"")
                .body(Map.of("error", given == null ? "bearer token required" : "invalid bearer token"));
    }
}
