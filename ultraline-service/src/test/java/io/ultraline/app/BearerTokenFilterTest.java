package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokenFilterTest {

    private static final String TOKEN = "api-token-0123456789";
    private static final String PEER_TOKEN = "peer-token-0123456789";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC);
    private static final SecurityConfig SECURITY = new SecurityConfig(true, TOKEN, PEER_TOKEN, "", Duration.ofHours(1));
    private static final ApiCredentials CREDENTIALS = new ApiCredentials(SECURITY, NOW);
    private static final BearerTokenFilter FILTER = new BearerTokenFilter(CREDENTIALS);

    private static HttpResponse<?> check(MutableHttpRequest<?> request) {
        return FILTER.check(request);
    }

    private static int status(MutableHttpRequest<?> request) {
        HttpResponse<?> r = check(request);
        return r == null ? 200 : r.code();
    }

    private static String error(MutableHttpRequest<?> request) {
        return String.valueOf(((Map<?, ?>) check(request).body()).get("error"));
    }

    private static MutableHttpRequest<?> bearer(MutableHttpRequest<?> request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static MutableHttpRequest<?> session(MutableHttpRequest<?> request) {
        return request.cookie(
                Cookie.of(DashboardSession.COOKIE, CREDENTIALS.session().issue()));
    }

    @Test
    void healthIsOpenAndShowsItsDetailsOnlyToAnAuthenticatedCaller() {
        MutableHttpRequest<?> anonymous = HttpRequest.GET("/health/readiness");
        assertThat(check(anonymous)).isNull();
        assertThat(anonymous.getUserPrincipal()).isEmpty();
        MutableHttpRequest<?> operator = bearer(HttpRequest.GET("/health/readiness"), TOKEN);
        assertThat(check(operator)).isNull();
        assertThat(operator.getUserPrincipal()).contains(Caller.OPERATOR);
        MutableHttpRequest<?> peer = bearer(HttpRequest.GET("/health/readiness"), PEER_TOKEN);
        assertThat(check(peer)).isNull();
        assertThat(peer.getUserPrincipal()).as("a peer gets no details").isEmpty();
    }

    @Test
    void pathTricksThroughHealthAreRefusedAndNearMissesNeedAToken() {
        for (String path : new String[] {
            "/health/../prometheus",
            "/health/%2e%2e/prometheus",
            "/health/%2E%2E/api/cameras",
            "/health/..%2Fprometheus",
            "/health/./../api/alerts",
            "/health/liveness/../../beans",
            "/health%5C..%5Cprometheus",
            "/api/cameras/%2e%2e/%2e%2e/prometheus",
            "//health"
        }) {
            assertThat(status(HttpRequest.GET(path))).as(path).isEqualTo(400);
            assertThat(status(session(HttpRequest.GET(path))))
                    .as(path + " with a session")
                    .isEqualTo(400);
        }
        for (String path : new String[] {"/healthz", "/health/liveness/", "/health/x", "/HEALTH"}) {
            assertThat(status(HttpRequest.GET(path))).as(path).isEqualTo(401);
        }
    }

    @Test
    void theBearerSchemeIsMatchedInAnyCaseAndOtherSchemesAreRefused() {
        for (String header :
                new String[] {"Bearer " + TOKEN, "bearer " + TOKEN, "BEARER   " + TOKEN + " ", "bEaReR " + TOKEN}) {
            assertThat(status(HttpRequest.GET("/prometheus").header("Authorization", header)))
                    .as(header)
                    .isEqualTo(200);
        }
        for (String header :
                new String[] {"Basic " + TOKEN, "Bearer" + TOKEN, TOKEN, "Bearer ", "Bearer wrong-token"}) {
            HttpResponse<?> r = check(HttpRequest.GET("/prometheus").header("Authorization", header));
            assertThat(r.code()).as(header).isEqualTo(401);
            assertThat(r.getHeaders().get("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aTokenInTheQueryIsAcceptedNowhereButTheDashboardLogin() {
        for (String path : new String[] {
            "/prometheus",
            "/api/cameras",
            "/api/cameras/c/overlay.png",
            "/dashboard/index.html",
            "/dashboard/dashboard.js",
            "/loggers",
            "/health/../prometheus"
        }) {
            MutableHttpRequest<?> get = HttpRequest.GET(path + "?access_token=" + TOKEN);
            assertThat(status(get)).as(path).isIn(400, 401);
        }
        assertThat(error(HttpRequest.GET("/prometheus?access_token=" + TOKEN))).contains("accepted only at /");
        assertThat(status(HttpRequest.POST("/api/cameras?access_token=" + TOKEN, "")))
                .isEqualTo(401);
        assertThat(status(HttpRequest.POST("/loggers/io.ultraline?access_token=" + TOKEN, "")))
                .isEqualTo(401);
        assertThat(status(HttpRequest.POST("/?access_token=" + TOKEN, "")))
                .as("the login is a GET")
                .isEqualTo(401);
        // the one exchange: the controller checks the token and sets the cookie
        assertThat(status(HttpRequest.GET("/?access_token=" + TOKEN))).isEqualTo(200);
    }

    @Test
    void theSessionCookieOpensTheDashboardItsAssetsAndApiReadsOnly() {
        for (String path : new String[] {
            "/dashboard/index.html",
            "/dashboard/dashboard.css",
            "/dashboard/dashboard.js",
            "/api/cameras",
            "/api/alerts",
            "/api/cameras/cam-1/overlay.png?frameId=f"
        }) {
            MutableHttpRequest<?> request = session(HttpRequest.GET(path));
            assertThat(status(request)).as(path).isEqualTo(200);
            assertThat(request.getUserPrincipal()).contains(Caller.DASHBOARD);
        }
        assertThat(status(session(HttpRequest.GET("/prometheus")))).isEqualTo(403);
        assertThat(status(session(HttpRequest.POST("/api/cameras", "")))).isEqualTo(403);
        assertThat(status(session(HttpRequest.GET("/dashboardx/a")))).isEqualTo(403);
        for (String path : new String[] {"/dashboard/dashboard.css", "/dashboard/dashboard.js", "/api/cameras"}) {
            assertThat(status(HttpRequest.GET(path)))
                    .as(path + " without the cookie")
                    .isEqualTo(401);
        }
    }

    @Test
    void theSessionPressesTheOperatorsButtonsOnlyWithTheDashboardHeader() {
        String[] buttons = {
            "/api/cameras/cam-1/calibration/start?frames=5",
            "/api/cameras/cam-1/calibration/stop",
            "/api/cameras/cam-1/calibration/reset",
            "/api/cameras/cam-1/frames/f-9/feedback",
            "/api/alerts/camera-defects%2Fcam-1%2Fline.frames-0-3/ack"
        };
        for (String path : buttons) {
            assertThat(status(session(HttpRequest.POST(path, "{}"))))
                    .as(path + " without the header")
                    .isEqualTo(403);
            assertThat(status(session(
                            HttpRequest.POST(path, "{}").header(BearerTokenFilter.DASHBOARD_WRITE_HEADER, "write"))))
                    .as(path)
                    .isEqualTo(200);
            assertThat(status(HttpRequest.POST(path, "{}").header(BearerTokenFilter.DASHBOARD_WRITE_HEADER, "write")))
                    .as(path + " with the header but no cookie")
                    .isEqualTo(401);
        }
        for (String path : new String[] {
            "/api/cameras/cam-1/calibration/margin?value=2",
            "/api/cameras/cam-1/calibration/start/x",
            "/api/alerts/a/b/ack",
            "/api/cameras"
        }) {
            assertThat(status(session(
                            HttpRequest.POST(path, "{}").header(BearerTokenFilter.DASHBOARD_WRITE_HEADER, "write"))))
                    .as(path + " is not a button")
                    .isEqualTo(403);
        }
    }

    @Test
    void aForgedOrForeignSessionCookieIsRefused() {
        String valid = CREDENTIALS.session().issue();
        String foreign = new ApiCredentials(
                        new SecurityConfig(true, "another-token-0123456", "", "", Duration.ofHours(1)), NOW)
                .session()
                .issue();
        String longer = valid.replaceFirst("\\.(\\d+)\\.", ".9$1.");
        for (String value : new String[] {foreign, longer, TOKEN, "", "v1.1.x", "garbage"}) {
            MutableHttpRequest<?> request =
                    HttpRequest.GET("/api/cameras").cookie(Cookie.of(DashboardSession.COOKIE, value));
            assertThat(status(request)).as(value).isEqualTo(401);
        }
    }

    @Test
    void thePeerTokenGrantsOnlyLocalApiReads() {
        assertThat(status(bearer(HttpRequest.GET("/api/cameras?local=true"), PEER_TOKEN)))
                .isEqualTo(200);
        assertThat(status(bearer(HttpRequest.GET("/api/cameras/c/overlay.png?frameId=f&local=true"), PEER_TOKEN)))
                .isEqualTo(200);
        for (String path : new String[] {
            "/api/cameras",
            "/api/cameras?local=false",
            "/prometheus?local=true",
            "/dashboard/index.html?local=true",
            "/loggers?local=true",
            "/apix?local=true"
        }) {
            assertThat(status(bearer(HttpRequest.GET(path), PEER_TOKEN)))
                    .as(path)
                    .isEqualTo(403);
        }
        assertThat(status(bearer(HttpRequest.POST("/api/cameras?local=true", ""), PEER_TOKEN)))
                .isEqualTo(403);
    }

    @Test
    void onlyHealthAndPrometheusAreExposedAndTheRestIsSensitive() {
        Environment env = ApplicationContext.builder()
                .deduceEnvironment(false)
                .build()
                .getEnvironment()
                .start();
        try {
            assertThat(env.getProperty("endpoints.all.enabled", Boolean.class)).contains(false);
            assertThat(env.getProperty("endpoints.all.sensitive", Boolean.class))
                    .contains(true);
            assertThat(env.getProperty("endpoints.health.details-visible", String.class))
                    .contains("AUTHENTICATED");
            for (String name : env.getPropertyEntries("endpoints")) {
                if (env.getProperty("endpoints." + name + ".enabled", Boolean.class)
                        .orElse(false)) {
                    assertThat(name).as("an enabled endpoint").isIn("health", "prometheus");
                }
            }
            assertThat(env.getPropertyEntries("endpoints")).contains("all", "health", "prometheus");
        } finally {
            env.stop();
        }
    }
}
