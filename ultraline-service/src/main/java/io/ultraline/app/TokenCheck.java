package io.ultraline.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Whether a presented token is the expected one, in time that does not depend on where they differ
 * or on the presented token's length: both sides are hashed to 32 bytes and compared with
 * {@link MessageDigest#isEqual}.
 */
final class TokenCheck {

    private final byte[] expected;

    TokenCheck(String expected) {
        this.expected = sha256(expected.trim());
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(expected, sha256(presented));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
