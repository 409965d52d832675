package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import io.ultraline.dev.KafkaCluster;
import io.ultraline.dev.TestKafka;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** Start-up refuses output topics that could not take the records the size guard lets through. */
class TopicRecordLimitsIT {

    private final KafkaCluster kafka = TestKafka.shared();

    @Test
    void aTopicLimitBelowTheSettingStopsStartUpAndNamesBoth() throws Exception {
        String prefix = "limits-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(
                new NewTopic(prefix + "small", Optional.of(1), Optional.empty())
                        .configs(Map.of("max.message.bytes", "500000")),
                new NewTopic(prefix + "large", Optional.of(1), Optional.empty())
                        .configs(Map.of("max.message.bytes", "2000000")));
        TopicRecordLimits.Required required = new TopicRecordLimits.Required(1_000_000, "outputs.max-record-bytes");
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            assertThatCode(() -> TopicRecordLimits.check(admin, Map.of(prefix + "large", required), 30))
                    .doesNotThrowAnyException();
            assertThatThrownBy(() -> TopicRecordLimits.check(
                            admin, Map.of(prefix + "small", required, prefix + "large", required), 30))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(prefix + "small accepts records of at most 500000 bytes")
                    .hasMessageContaining("outputs.max-record-bytes is 1000000")
                    .hasMessageNotContaining(prefix + "large");
        }
    }
}
