package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class ForwarderConfigTest {

    private static ForwarderConfig config(Map<String, Object> client, String reset) {
        return new ForwarderConfig(
                client,
                Map.of(),
                "line.alerts",
                "line.alerts.dlq",
                "g",
                reset,
                URI.create("http://127.0.0.1:1/hook"),
                new WebhookRetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                Duration.ofSeconds(10));
    }

    @Test
    void theGuaranteeSettingsWinOverTheUsers() {
        Map<String, Object> props = AlertForwarder.consumerConfig(config(
                Map.of(
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        true,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_uncommitted",
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "other",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        3,
                        "bootstrap.servers",
                        "b:9092"),
                "earliest"));
        assertThat(props)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "g")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 3)
                .containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void pollIntervalCoversABatchOfAlertsThatAllTimeOut() {
        ForwarderConfig config = config(Map.of(), "latest");
        // 5 attempts x 10 s + 1 + 2 + 4 + 8 s of backoff
        assertThat(config.worstCasePerAlert()).isEqualTo(Duration.ofSeconds(65));
        Map<String, Object> props = AlertForwarder.consumerConfig(config);
        assertThat(props).containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10);
        assertThat(props).containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (10 * 65 + 60) * 1000);
        assertThat(props).containsEntry(ConsumerConfig.CONNECTIONS_MAX_IDLE_MS_CONFIG, (10 * 65 + 60 + 60) * 1000L);
        assertThat(AlertForwarder.consumerConfig(
                        config(Map.of(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1234), "latest")))
                .containsEntry(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1234);
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> config(Map.of(), "none")).hasMessageContaining("autoOffsetReset");
        assertThatThrownBy(() -> new HttpWebhookSender(URI.create("ftp://x/y"), Duration.ofSeconds(1)))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new HttpWebhookSender(URI.create("http://x/y"), Duration.ZERO))
                .hasMessageContaining("timeout");
    }
}
