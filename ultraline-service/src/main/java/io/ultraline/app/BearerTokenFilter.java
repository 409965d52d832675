package io.ultraline.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.uri.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * With security on, every request except health and the dashboard's login at {@code /} needs a
 * credential ({@link ApiCredentials}), and each kind of caller reaches only its part:
 * <ul>
 *   <li>the API token (an operator, Prometheus): everything that is exposed;</li>
 *   <li>the dashboard's session cookie: reads of {@code /dashboard/**} and {@code /api/**}, and the
 *       operator's buttons (calibration start, stop and reset, feedback on a frame, acknowledging an
 *       alert) when the request also carries {@value #DASHBOARD_WRITE_HEADER}: the cookie is
 *       SameSite=Strict, so other sites' requests do not carry it, and a custom header is something
 *       a cross-site form cannot send and a cross-origin script cannot send without a CORS grant,
 *       which the service never gives. Whoever holds the session presented the API token to get it;
 *       the narrow list keeps a stolen page from doing more than an operator's clicks;</li>
 *   <li>the peer token: reads of {@code /api/**} with {@code local=true}, what instances forward.</li>
 * </ul>
 * A token in the query string ({@code access_token}) is accepted nowhere but at {@code /}, where
 * {@link DashboardController} exchanges it once for the session cookie: URLs end up in logs,
 * histories and Referer headers. Missing or wrong credentials: 401 and no data; a credential used
 * outside its part: 403. docs/security.md describes the scheme.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "ultraline.security.enabled", value = "true", defaultValue = "true")
final class BearerTokenFilter {

    static final String QUERY_PARAMETER = "access_token";
    /** The header the dashboard's own script sends with the operator's buttons. */
    static final String DASHBOARD_WRITE_HEADER = "X-Ultraline-Dashboard";
    /** What the session may write: the buttons on the page, nothing else (no margins, no profile pushes). */
    private static final Pattern DASHBOARD_WRITES =
            Pattern.compile("/api/cameras/[^/]+/calibration/(start|stop|reset)|/api/cameras/[^/]+/frames/[^/]+/feedback"
                    + "|/api/alerts/[^/]+/ack");
    /** Open to anyone; the details of the answer only to an authenticated caller. */
    static final Set<String> OPEN_PATHS = Set.of("/health", "/health/liveness", "/health/readiness");

    /** What peers ask each other: the answer from the asked instance's own stores (LineView). */
    private static final List<String> LOCAL_ONLY = List.of("true");

    private final ApiCredentials credentials;

    BearerTokenFilter(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        RequestPath path = new RequestPath(request.getUri().getRawPath());
        if (path.isAmbiguous()) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    "a path that is not plain ('.' or '..' segments, backslashes, " + "no leading '/') is refused");
        }
        ApiCredentials.Check check = credentials.check(request);
        Caller caller = check.caller();
        if (caller == Caller.OPERATOR || caller == Caller.DASHBOARD) {
            request.setUserPrincipal(caller);
        }
        boolean read = request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD;
        Map<String, List<String>> query = new QueryStringDecoder(request.getUri()).parameters();
        if (read && (OPEN_PATHS.contains(path.raw()) || path.is("/"))) {
            return null;
        }
        if (caller == null) {
            return error(
                    HttpStatus.UNAUTHORIZED,
                    query.containsKey(QUERY_PARAMETER)
                            ? QUERY_PARAMETER
                                    + " in the URL is accepted only at / (the dashboard's one-time login); send "
                                    + "Authorization: Bearer <token>"
                            : check.problem());
        }
        return switch (caller) {
            case OPERATOR -> null;
            case DASHBOARD ->
                read && (path.isUnder("/dashboard") || path.isUnder("/api"))
                        ? null
                        : dashboardWrite(request, path)
                                ? null
                                : error(
                                        HttpStatus.FORBIDDEN,
                                        "the dashboard session grants reads of /dashboard and /api and the"
                                                + " operator's buttons (with " + DASHBOARD_WRITE_HEADER + ") only");
            case PEER ->
                read && path.isUnder("/api") && LOCAL_ONLY.equals(query.get("local"))
                        ? null
                        : error(
                                HttpStatus.FORBIDDEN,
                                "the peer token grants only the reads instances forward to each "
                                        + "other (GET /api/...?local=true)");
        };
    }

    private static boolean dashboardWrite(HttpRequest<?> request, RequestPath path) {
        return request.getMethod() == HttpMethod.POST
                && request.getHeaders().contains(DASHBOARD_WRITE_HEADER)
                && DASHBOARD_WRITES.matcher(path.raw()).matches();
    }

    private static HttpResponse<?> error(HttpStatus status, String message) {
        var response = HttpResponse.status(status).body(Map.of("error", message));
        return status == HttpStatus.UNAUTHORIZED
                ? response.header("WWW-Authenticate", "Bearer realm=\"ultraline\"")
                : response;
    }
}
