package io.ultraline.alerting;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests so a receiver can tell they come from this forwarder and were not
 * altered or replayed long after: header {@value #HEADER} = {@code t=<unix seconds>,v1=<hex>},
 * where {@code <hex>} is the lowercase hex HMAC-SHA256, keyed with the shared secret, of the ASCII
 * timestamp, a {@code .} and the exact request body bytes. The timestamp is inside the MAC, so a
 * receiver that rejects old timestamps rejects replays of captured requests. How to verify:
 * {@code docs/alerting.md}. The secret never leaves this object: not in {@link #toString()}, not in
 * any message.
 */
public final class WebhookSigner {

    /** Request header carrying the signature. */
    public static final String HEADER = "X-Ultraline-Signature";
    /** Shortest secret accepted: a shorter one is guessable offline from one signed request. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** @param secret at least {@value #MIN_SECRET_BYTES} bytes; copied */
    public WebhookSigner(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the webhook signing secret must have at least " + MIN_SECRET_BYTES
                    + " bytes, got " + (secret == null ? 0 : secret.length));
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM);
    }

    /** The {@value #HEADER} value for {@code body} sent at {@code unixSeconds}. */
    public String sign(long unixSeconds, byte[] body) {
        String timestamp = Long.toString(unixSeconds);
        Mac mac = newMac();
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        mac.update(body);
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe: one per request
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[HMAC-SHA256, secret not shown]";
    }
}
