package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpWebhookSender} against a receiver on 127.0.0.1 that checks signatures the way
 * docs/alerting.md describes: right secret and fresh timestamp pass, anything else does not.
 */
class SignedDeliveryTest {

    private static final byte[] SECRET = "receiver-shared-secret-42".getBytes(StandardCharsets.UTF_8);
    private static final String BODY = "{\"schema\":\"ultraline.alert/1\",\"message\":\"caf\u00e9 \u2013 3/4\"}";

    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        receiver.verifySignaturesWith(SECRET);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String signatureSeen(Optional<WebhookSigner> signer, Clock clock) throws Exception {
        new HttpWebhookSender(receiver.url(), Duration.ofSeconds(10), signer, clock).post("k:OPEN", BODY);
        return receiver.log().get(receiver.log().size() - 1).signature();
    }

    @Test
    void aSignedRequestVerifiesAtTheReceiver() throws Exception {
        assertThat(signatureSeen(Optional.of(new WebhookSigner(SECRET)), Clock.systemUTC()))
                .isEqualTo("valid");
        assertThat(receiver.log().get(0).body()).isEqualTo(BODY);
    }

    @Test
    void anotherSecretAnOldTimestampOrNoSignatureDoNot() throws Exception {
        Clock tenMinutesAgo = Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC);
        WebhookSigner wrong = new WebhookSigner("not-the-receiver-secret".getBytes(StandardCharsets.UTF_8));

        assertThat(signatureSeen(Optional.of(wrong), Clock.systemUTC())).isEqualTo("mismatch");
        assertThat(signatureSeen(Optional.of(new WebhookSigner(SECRET)), tenMinutesAgo))
                .startsWith("stale");
        assertThat(signatureSeen(Optional.empty(), Clock.systemUTC())).isEqualTo("absent");
    }
}
