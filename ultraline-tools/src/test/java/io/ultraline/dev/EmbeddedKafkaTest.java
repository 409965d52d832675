package io.ultraline.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void overridesWinOverSingleNodeDefaults() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder()
                .config("auto.create.topics.enable", true)
                .config(Map.of("num.partitions", 4))
                .build()) {
            Properties props = kafka.brokerProperties();
            assertThat(props)
                    .containsEntry("auto.create.topics.enable", "true")
                    .containsEntry("num.partitions", "4")
                    .containsEntry("transaction.state.log.min.isr", "1")
                    .containsEntry("process.roles", "broker,controller");
        }
    }

    @Test
    void extraListenerAddsItsPrefixedSettingsAndProtocol() {
        BrokerListener sasl = BrokerListener.saslPlain(0, Map.of("camera", "secret"));
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().listener(sasl).build()) {
            Properties props = kafka.brokerProperties();
            assertThat(props.getProperty("listener.security.protocol.map"))
                    .contains("SASL_PLAIN:SASL_PLAINTEXT", "CONTROLLER:PLAINTEXT");
            assertThat(props).containsEntry("listener.name.sasl_plain.sasl.enabled.mechanisms", "PLAIN");
            assertThat(props.getProperty("listener.name.sasl_plain.plain.sasl.jaas.config"))
                    .contains("user_camera=\"secret\"");
            assertThat(props.getProperty("advertised.listeners")).doesNotContain("CONTROLLER");
        }
    }

    @Test
    void builderRejectsBadInputEarly() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().config("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> EmbeddedKafka.builder()
                        .brokerPort(19092)
                        .controllerPort(19092)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("19092");
        assertThatThrownBy(() -> EmbeddedKafka.builder()
                        .listener(new BrokerListener("PLAINTEXT", SecurityProtocol.PLAINTEXT, 0, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already defined");
        assertThatThrownBy(() -> BrokerListener.saslPlain(0, Map.of("camera", "with\"quote")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BrokerListener("lower", SecurityProtocol.PLAINTEXT, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("upper case");
    }

    @Test
    void bootstrapServersNeedsAStartedInstance() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
            assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> kafka.bootstrapServers("CONTROLLER")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closeDeletesTheTemporaryDirectoryItCreated() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        assertThat(kafka.dataDir()).isDirectory();
        kafka.close();
        assertThat(kafka.dataDir()).doesNotExist();
        assertThatThrownBy(kafka::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
