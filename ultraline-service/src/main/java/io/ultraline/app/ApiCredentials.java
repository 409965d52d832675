package io.ultraline.app;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The credentials this instance accepts while security is on: the API token and the peer token in
 * an {@code Authorization: Bearer} header (scheme in any case, RFC 7235), and the dashboard's
 * session cookie. Tokens are compared in constant time.
 */
@Singleton
@Requires(property = "ultraline.security.enabled", value = "true", defaultValue = "true")
final class ApiCredentials {

    private static final String BEARER = "bearer";

    private final TokenCheck api;
    private final TokenCheck peer;
    private final DashboardSession session;

    @Inject
    ApiCredentials(ServiceSettings settings) {
        this(settings.security(), Clock.systemUTC());
    }

    ApiCredentials(SecurityConfig security, Clock clock) {
        this.api = new TokenCheck(security.token());
        this.peer = security.peer().isEmpty() ? null : new TokenCheck(security.peer());
        this.session = new DashboardSession(security.token(), security.session(), clock);
    }

    /** What the request's credentials prove: a caller, or why none. */
    record Check(Caller caller, String problem) {

        static Check of(Caller caller) {
            return new Check(caller, null);
        }

        static Check refused(String problem) {
            return new Check(null, problem);
        }
    }

    Check check(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().get(HttpHeaders.AUTHORIZATION, String.class);
        if (header.isPresent()) {
            String bearer = bearerToken(header.get());
            if (bearer == null) {
                return Check.refused("the Authorization header must be 'Bearer <token>'");
            }
            if (api.matches(bearer)) {
                return Check.of(Caller.OPERATOR);
            }
            if (peer != null && peer.matches(bearer)) {
                return Check.of(Caller.PEER);
            }
            return Check.refused("invalid bearer token");
        }
        Optional<Cookie> cookie = request.getCookies().findCookie(DashboardSession.COOKIE);
        if (cookie.isPresent()) {
            return session.isValid(cookie.get().getValue())
                    ? Check.of(Caller.DASHBOARD)
                    : Check.refused("the dashboard session has ended: open /?access_token=<token> again");
        }
        return Check.refused("bearer token required (Authorization: Bearer <token>); a browser opens "
                + "/?access_token=<token> once");
    }

    /** Whether {@code token} is the API token (the dashboard's one-time exchange). */
    boolean isApiToken(String token) {
        return api.matches(token.trim());
    }

    DashboardSession session() {
        return session;
    }

    /** The token of a {@code Bearer} credential, scheme matched in any case; null for another scheme. */
    static String bearerToken(String authorization) {
        String h = authorization.trim();
        int space = h.indexOf(' ');
        if (space < 0 || !h.substring(0, space).equalsIgnoreCase(BEARER)) {
            return null;
        }
        String token = h.substring(space + 1).trim();
        return token.isEmpty() ? null : token;
    }
}
