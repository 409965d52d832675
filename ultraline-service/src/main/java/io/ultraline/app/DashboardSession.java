package io.ultraline.app;

import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The dashboard's session cookie, issued once a browser presented the API token at {@code /}.
 * The value is {@code v1.<expiry epoch second>.<HMAC-SHA256 of "v1.<expiry>">}: it says when it
 * ends and proves that an instance holding the API token made it. It is not the token and does not
 * reveal it. The HMAC key is derived from the API token, so every instance with the same token
 * accepts the cookie (a load balancer may send the next request elsewhere) and a new token ends
 * every session; no server-side state is kept.
 */
final class DashboardSession {

    static final String COOKIE = "ultraline_session";
    private static final String VERSION = "v1";
    private static final String KEY_LABEL = "ultraline dashboard session key " + VERSION;
    private static final int MAX_VALUE_LENGTH = 128;

    private final byte[] key;
    private final Duration maxAge;
    private final Clock clock;

    DashboardSession(String apiToken, Duration maxAge, Clock clock) {
        this.key = hmac(apiToken.trim().getBytes(StandardCharsets.UTF_8), KEY_LABEL);
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** A new cookie value that ends {@code maxAge} from now. */
    String issue() {
        String payload = VERSION + "." + clock.instant().plus(maxAge).getEpochSecond();
        return payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, payload));
    }

    /** Whether {@code value} was issued with this token and has not ended. */
    boolean isValid(String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            return false;
        }
        int dot = value.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String payload = value.substring(0, dot);
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(value.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(hmac(key, payload), presented)) {
            return false;
        }
        // signed by us, so the payload has our shape
        long expires = Long.parseLong(payload.substring(VERSION.length() + 1));
        return clock.instant().getEpochSecond() < expires;
    }

    /** The Set-Cookie for {@code value}: script cannot read it, other sites cannot send it. */
    Cookie cookie(String value, boolean https) {
        return Cookie.of(COOKIE, value)
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .path("/")
                .maxAge(maxAge)
                .secure(https);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
