package io.ultraline.app;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.net.URI;
import java.util.Map;

/**
 * The dashboard lives under /dashboard/ (static resources); the root sends browsers there. With
 * security on, the root is also the dashboard's login: {@code /?access_token=<API token>} is
 * exchanged once for the session cookie ({@link DashboardSession}) and the browser goes on to a
 * URL without the token, so the token stays out of the history, the address bar and Referer headers.
 */
@Controller
final class DashboardController {

    static final URI DASHBOARD = URI.create("/dashboard/index.html");

    @Nullable
    private final ApiCredentials credentials;

    DashboardController(@Nullable ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Get
    HttpResponse<?> root(
            HttpRequest<?> request, @Nullable @QueryValue(BearerTokenFilter.QUERY_PARAMETER) String accessToken) {
        if (credentials == null) {
            return HttpResponse.seeOther(DASHBOARD);
        }
        if (accessToken != null) {
            if (!credentials.isApiToken(accessToken)) {
                return refused("invalid " + BearerTokenFilter.QUERY_PARAMETER);
            }
            DashboardSession session = credentials.session();
            return HttpResponse.seeOther(DASHBOARD)
                    .cookie(session.cookie(session.issue(), isHttps(request)))
                    .header("Cache-Control", "no-store")
                    .header("Referrer-Policy", "no-referrer");
        }
        if (request.getUserPrincipal(Caller.class).isPresent()) {
            return HttpResponse.seeOther(DASHBOARD);
        }
        return refused(
                "open /?" + BearerTokenFilter.QUERY_PARAMETER + "=<API token> once to start a dashboard session");
    }

    /** HTTPS here, or at a proxy in front that says so; the cookie is then sent over HTTPS only. */
    static boolean isHttps(HttpRequest<?> request) {
        return request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
    }

    private static HttpResponse<?> refused(String message) {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"ultraline\"")
                .header("Cache-Control", "no-store")
                .body(Map.of("error", message));
    }
}
