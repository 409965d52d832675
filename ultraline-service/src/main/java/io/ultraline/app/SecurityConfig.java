package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Protection of the HTTP API ({@code ultraline.security.*}); docs/security.md describes the whole scheme.
 *
 * @param enabled       on in serve, off in the demo ({@code ULTRALINE_SECURITY_ENABLED})
 * @param token         the token clients send as {@code Authorization: Bearer <token>} ({@code ULTRALINE_API_TOKEN})
 * @param peerToken     the token instances send each other when one forwards a read to the owner of a key
 *                      ({@code ULTRALINE_PEER_TOKEN}); it grants only those reads. Empty: no forwarding while
 *                      security is on
 * @param peerHosts     comma-separated hosts that may receive forwarded reads ({@code ULTRALINE_PEER_HOSTS}):
 *                      exact names or IPs, {@code *.suffix} (or {@code .suffix}) and IPv4/IPv6 CIDR blocks.
 *                      Empty: the network of this instance's advertised host ({@link PeerHosts})
 * @param sessionMaxAge how long the dashboard's session cookie lasts ({@code ULTRALINE_SESSION_MAX_AGE})
 */
@ConfigurationProperties("ultraline.security")
public record SecurityConfig(
        boolean enabled, String token, String peerToken, String peerHosts, Duration sessionMaxAge) {

    /** Tokens shorter than this are refused: a guessable token protects nothing. */
    static final int MIN_TOKEN_LENGTH = 16;

    static final Duration DEFAULT_SESSION_MAX_AGE = Duration.ofHours(12);
    private static final Duration MIN_SESSION = Duration.ofMinutes(1);
    private static final Duration MAX_SESSION = Duration.ofDays(30);

    /** Security on with a token and nothing else set: the defaults of the other settings. */
    static SecurityConfig withToken(String token) {
        return new SecurityConfig(true, token, "", "", DEFAULT_SESSION_MAX_AGE);
    }

    /** The session lifetime, the default when unset. */
    Duration session() {
        return sessionMaxAge == null ? DEFAULT_SESSION_MAX_AGE : sessionMaxAge;
    }

    /** The peer token, trimmed; empty when unset. */
    String peer() {
        return KafkaSettings.text(peerToken);
    }

    /** Without the tokens: a record's own toString would print them wherever it is logged. */
    @Override
    public String toString() {
        return "SecurityConfig[enabled=" + enabled + ", token=" + mask(token) + ", peerToken=" + mask(peerToken)
                + ", peerHosts=" + peerHosts + ", sessionMaxAge=" + sessionMaxAge + "]";
    }

    private static String mask(String secret) {
        return secret == null || secret.isBlank() ? "(unset)" : Redaction.MASK;
    }

    void check(SettingsProblems problems) {
        if (enabled) {
            if (token == null || token.isBlank()) {
                problems.add("ultraline.security.token is not set (environment variable ULTRALINE_API_TOKEN); "
                        + "set it, or turn security off with ULTRALINE_SECURITY_ENABLED=false");
            } else if (token.trim().length() < MIN_TOKEN_LENGTH) {
                problems.add("ultraline.security.token (ULTRALINE_API_TOKEN) must have at least " + MIN_TOKEN_LENGTH
                        + " characters");
            }
            if (!peer().isEmpty() && peer().length() < MIN_TOKEN_LENGTH) {
                problems.add("ultraline.security.peer-token (ULTRALINE_PEER_TOKEN) must have at least "
                        + MIN_TOKEN_LENGTH + " characters");
            }
            if (!peer().isEmpty() && token != null && peer().equals(token.trim())) {
                problems.add("ultraline.security.peer-token (ULTRALINE_PEER_TOKEN) must differ from "
                        + "ULTRALINE_API_TOKEN: peers must never receive the operators' token");
            }
            if (session().compareTo(MIN_SESSION) < 0 || session().compareTo(MAX_SESSION) > 0) {
                problems.add("ultraline.security.session-max-age (ULTRALINE_SESSION_MAX_AGE) must be between 1m and "
                        + "30d, got " + session());
            }
        }
        try {
            PeerHosts.rules(peerHosts);
        } catch (IllegalArgumentException e) {
            problems.add("ultraline.security.peer-hosts (ULTRALINE_PEER_HOSTS): " + e.getMessage());
        }
    }
}
