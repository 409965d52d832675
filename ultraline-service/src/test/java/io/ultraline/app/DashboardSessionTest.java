package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DashboardSessionTest {

    private static final String TOKEN = "api-token-0123456789";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anIssuedSessionIsValidUntilItsMaxAgeAndNotAfter() {
        MovingClock clock = new MovingClock();
        DashboardSession session = new DashboardSession(TOKEN, Duration.ofHours(12), clock);
        String value = session.issue();
        assertThat(session.isValid(value)).isTrue();
        clock.now = clock.now.plus(Duration.ofHours(12)).minusSeconds(1);
        assertThat(session.isValid(value)).isTrue();
        clock.now = clock.now.plusSeconds(1);
        assertThat(session.isValid(value)).isFalse();
    }

    @Test
    void theValueIsNotTheTokenAndOnlyTheSameTokenAcceptsIt() {
        MovingClock clock = new MovingClock();
        String value = new DashboardSession(TOKEN, Duration.ofHours(1), clock).issue();
        assertThat(value).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 8));
        assertThat(new DashboardSession(" " + TOKEN + " ", Duration.ofHours(1), clock).isValid(value))
                .as("another instance with the same token")
                .isTrue();
        assertThat(new DashboardSession("rotated-token-0123456", Duration.ofHours(1), clock).isValid(value))
                .as("after the token changed")
                .isFalse();
    }

    @Test
    void aTamperedExpiryOrSignatureIsRefused() {
        MovingClock clock = new MovingClock();
        DashboardSession session = new DashboardSession(TOKEN, Duration.ofHours(1), clock);
        String value = session.issue();
        String[] parts = value.split("\\.");
        long expiry = Long.parseLong(parts[1]);
        assertThat(session.isValid(parts[0] + "." + (expiry + 86_400) + "." + parts[2]))
                .isFalse();
        char last = parts[2].charAt(parts[2].length() - 1);
        String flipped = parts[2].substring(0, parts[2].length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(session.isValid(parts[0] + "." + parts[1] + "." + flipped)).isFalse();
        for (String bad : new String[] {null, "", ".", "v1", "v1.x.y", "v1." + expiry + ".%%%", "x".repeat(500)}) {
            assertThat(session.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
    }

    @Test
    void theCookieIsHttpOnlyStrictOnTheWholeSiteAndSecureOnlyOverHttps() {
        DashboardSession session = new DashboardSession(TOKEN, Duration.ofHours(2), new MovingClock());
        Cookie plain = session.cookie("v", false);
        assertThat(plain.getName()).isEqualTo(DashboardSession.COOKIE);
        assertThat(plain.isHttpOnly()).isTrue();
        assertThat(plain.getSameSite()).contains(SameSite.Strict);
        assertThat(plain.getPath()).isEqualTo("/");
        assertThat(plain.getMaxAge()).isEqualTo(7200);
        assertThat(plain.isSecure()).isFalse();
        assertThat(session.cookie("v", true).isSecure()).isTrue();
    }
}
