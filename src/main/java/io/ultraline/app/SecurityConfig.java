package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Bearer-token protection of every endpoint except health ({@code ultraline.security.*}).
 *
 * @param enabled on in serve, off in the demo ({@code ULTRALINE_SECURITY_ENABLED})
 * @param token   the token clients send as {@code Authorization: Bearer <token>} ({@code ULTRALINE_API_TOKEN})
 */
@ConfigurationProperties("ultraline.security")
public record SecurityConfig(boolean enabled, String token) {

    /** Tokens shorter than this are refused: a guessable token protects nothing. */
    static final int MIN_TOKEN_LENGTH = 16;

    void check(SettingsProblems problems) {
        if (enabled) {
            if (token == null || token.isBlank()) {
                problems.add("ultraline.security.token is not set (environment variable ULTRALINE_API_TOKEN); "
                        + "set it, or turn security off with ULTRALINE_SECURITY_ENABLED=false");
            } else if (token.trim().length() < MIN_TOKEN_LENGTH) {
                problems.add("ultraline.security.token (ULTRALINE_API_TOKEN) must have at least " + MIN_TOKEN_LENGTH
                        + " characters");
            }
        }
    }
}
