package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookUrlsTest {

    @Test
    void secretsInThePathQueryAndUserInfoAreNeverShown() {
        assertThat(WebhookUrls.redacted(URI.create("https://hooks.slack.com/services/T0001/B0002/XXXXsecret")))
                .isEqualTo("https://hooks.slack.com/<redacted>");
        assertThat(WebhookUrls.redacted(URI.create("http://pager.example:8443/hook?token=s3cret#frag")))
                .isEqualTo("http://pager.example:8443/<redacted>");
        assertThat(WebhookUrls.redacted(URI.create("https://bot:s3cret@pager.example")))
                .isEqualTo("https://pager.example/<redacted>");
    }

    @Test
    void aBareOriginIsShownAsItIs() {
        assertThat(WebhookUrls.redacted(URI.create("https://pager.example"))).isEqualTo("https://pager.example");
        assertThat(WebhookUrls.redacted(URI.create("http://127.0.0.1:9000/"))).isEqualTo("http://127.0.0.1:9000");
    }

    @Test
    void anOpaqueUrlIsRedactedWhole() {
        assertThat(WebhookUrls.redacted(URI.create("mailto:ops@s3cret.example")))
                .isEqualTo("<redacted>");
    }

    @Test
    void theSenderTheConfigAndTheirErrorsShowTheRedactedUrl() {
        URI secret = URI.create("https://pager.example/hook/s3cret?key=s3cret");
        assertThat(new HttpWebhookSender(secret, Duration.ofSeconds(1)).toString())
                .isEqualTo("https://pager.example/<redacted>");
        ForwarderConfig config = new ForwarderConfig(
                Map.of("sasl.jaas.config", "password=\"s3cret\""),
                Map.of(),
                "line.alerts",
                "line.alerts.dlq",
                "g",
                "latest",
                secret,
                new WebhookRetryPolicy(1, Duration.ZERO, Duration.ZERO),
                Duration.ofSeconds(1));
        assertThat(config.toString()).doesNotContain("s3cret").contains("https://pager.example/<redacted>");
        try {
            new HttpWebhookSender(URI.create("ftp://u:s3cret@host/path"), Duration.ofSeconds(1));
        } catch (IllegalArgumentException e) {
            assertThat(e).hasMessageNotContaining("s3cret");
            return;
        }
        throw new AssertionError("an ftp URL was accepted");
    }
}
