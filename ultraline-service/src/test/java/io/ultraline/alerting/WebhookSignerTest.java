package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSignerTest {

    private static final byte[] SECRET = "0123456789abcdef-test-secret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alert\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampADotAndTheBodyWithHmacSha256() {
        // computed apart from this code: python3 hmac.new(secret, b"1700000000." + body, sha256).hexdigest()
        assertThat(new WebhookSigner(SECRET).sign(1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=2c79fc2296f5e8d45ffb9897d90858ee01d5a5921ab317c5c63ed60457e71e07");
    }

    @Test
    void theTestVectorInTheDocsHolds() {
        assertThat(new WebhookSigner("example-secret-0123456789".getBytes(StandardCharsets.UTF_8))
                        .sign(1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=9cda16d687a37569280797acc1ddb61a8291d1f1ca724dfd39889aeaf0e8a065");
    }

    @Test
    void anotherTimestampBodyOrSecretGivesAnotherSignature() {
        String signature = new WebhookSigner(SECRET).sign(1_700_000_000L, BODY);
        assertThat(new WebhookSigner(SECRET).sign(1_700_000_001L, BODY)).isNotEqualTo(signature);
        assertThat(new WebhookSigner(SECRET)
                        .sign(1_700_000_000L, "{\"alert\":\"y\"}".getBytes(StandardCharsets.UTF_8))
                        .substring(13))
                .isNotEqualTo(signature.substring(13));
        assertThat(new WebhookSigner("another-secret-of-16+".getBytes(StandardCharsets.UTF_8))
                        .sign(1_700_000_000L, BODY))
                .isNotEqualTo(signature);
    }

    @Test
    void aShortSecretIsRefusedAndNoSecretIsEverShown() {
        assertThatThrownBy(() -> new WebhookSigner("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("short\"");
        assertThat(new WebhookSigner(SECRET).toString()).doesNotContain("test-secret");
    }

    @Test
    void theSecretComesFromTheFileBeforeTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.write(file, "0123456789abcdef-test-secret\n".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = Map.of(WebhookSecret.ENV, "an-environment-secret-of-sorts");

        Optional<WebhookSigner> fromFile = WebhookSecret.load(Optional.of(file), env::get);
        Optional<WebhookSigner> fromEnv = WebhookSecret.load(Optional.empty(), env::get);

        assertThat(fromFile)
                .get()
                .extracting(s -> s.sign(1_700_000_000L, BODY))
                .as("the file's trailing line break is not part of the secret")
                .isEqualTo(new WebhookSigner(SECRET).sign(1_700_000_000L, BODY));
        assertThat(fromEnv)
                .get()
                .extracting(s -> s.sign(1_700_000_000L, BODY))
                .isEqualTo(new WebhookSigner("an-environment-secret-of-sorts".getBytes(StandardCharsets.UTF_8))
                        .sign(1_700_000_000L, BODY));
        assertThat(WebhookSecret.load(Optional.empty(), Map.<String, String>of()::get))
                .isEmpty();
        assertThatThrownBy(() -> WebhookSecret.load(Optional.of(dir.resolve("missing")), env::get))
                .hasMessageContaining("Cannot read the webhook signing secret file");
    }
}
