package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.cookie.Cookie;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DashboardControllerTest {

    private static final String TOKEN = "api-token-0123456789";
    private static final ApiCredentials CREDENTIALS = new ApiCredentials(
            new SecurityConfig(true, TOKEN, "", "", Duration.ofHours(1)),
            Clock.fixed(Instant.parse("2026-12-06T00:00:00Z"), ZoneOffset.UTC));
    private static final DashboardController SECURED = new DashboardController(CREDENTIALS);

    @Test
    void theTokenIsExchangedOnceForASessionCookieAndACleanUrl() {
        HttpResponse<?> r = SECURED.root(HttpRequest.GET("/?access_token=" + TOKEN), TOKEN);
        assertThat(r.code()).isEqualTo(303);
        assertThat(r.getHeaders().get("Location")).isEqualTo("/dashboard/index.html");
        Cookie cookie = r.getCookie(DashboardSession.COOKIE).orElseThrow();
        assertThat(cookie.getValue()).doesNotContain(TOKEN);
        assertThat(CREDENTIALS.session().isValid(cookie.getValue())).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isFalse();
        assertThat(r.getHeaders().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.getHeaders().get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void behindAnHttpsProxyTheCookieIsSecure() {
        MutableHttpRequest<?> request =
                HttpRequest.GET("/?access_token=" + TOKEN).header("X-Forwarded-Proto", "https");
        assertThat(SECURED.root(request, TOKEN)
                        .getCookie(DashboardSession.COOKIE)
                        .orElseThrow()
                        .isSecure())
                .isTrue();
    }

    @Test
    void aWrongTokenOrNoCredentialGets401AndNoCookie() {
        HttpResponse<?> wrong = SECURED.root(HttpRequest.GET("/?access_token=wrong"), "wrong");
        assertThat(wrong.code()).isEqualTo(401);
        assertThat(wrong.getCookie(DashboardSession.COOKIE)).isEmpty();
        HttpResponse<?> none = SECURED.root(HttpRequest.GET("/"), null);
        assertThat(none.code()).isEqualTo(401);
        assertThat(none.getHeaders().get("Location")).isNull();
    }

    @Test
    void aCallerWithASessionGoesStraightToTheDashboard() {
        MutableHttpRequest<?> request = HttpRequest.GET("/");
        request.setUserPrincipal(Caller.DASHBOARD);
        HttpResponse<?> r = SECURED.root(request, null);
        assertThat(r.code()).isEqualTo(303);
        assertThat(r.getCookie(DashboardSession.COOKIE)).isEmpty();
    }

    @Test
    void withSecurityOffTheRootRedirectsWithoutTheQuery() {
        HttpResponse<?> r = new DashboardController(null).root(HttpRequest.GET("/?access_token=x&y=z"), "x");
        assertThat(r.code()).isEqualTo(303);
        assertThat(r.getHeaders().get("Location")).isEqualTo("/dashboard/index.html");
        assertThat(r.getCookie(DashboardSession.COOKIE)).isEmpty();
    }
}
