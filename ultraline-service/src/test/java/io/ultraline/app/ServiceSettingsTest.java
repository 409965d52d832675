package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSettingsTest {

    private static final ModelConfig MODEL = new ModelConfig("models/line-vit", 0, 0);
    private static final KafkaSettings KAFKA = kafka("127.0.0.1:9092", "PLAINTEXT", "", "", "");
    private static final RegistryConfig REGISTRY = new RegistryConfig("http://127.0.0.1:8081", "");
    private static final SecurityConfig SECURITY = SecurityConfig.withToken("a-token-of-sufficient-length");

    private static KafkaSettings kafka(
            String bootstrap, String protocol, String mechanism, String jaas, String endpoint) {
        return new KafkaSettings(
                bootstrap,
                "ultraline",
                "/tmp/state",
                1,
                "",
                endpoint,
                protocol,
                mechanism,
                jaas,
                "",
                "",
                "",
                "",
                45_000);
    }

    @Test
    void validSettingsGiveThePipelineConfigurationOfTheFlatKeys() {
        ServiceSettings s = new ServiceSettings(
                MODEL,
                KAFKA,
                REGISTRY,
                SECURITY,
                Map.of("inference.batch.size", "4", "explanations.mode", "defective"));
        assertThat(s.pipeline().batch().size()).isEqualTo(4);
        assertThat(s.pipeline().explanations().name()).isEqualTo("FLAGGED");
    }

    @Test
    void everyProblemIsNamedWithItsEnvironmentVariableInOneMessage() {
        assertThatThrownBy(() -> new ServiceSettings(
                        new ModelConfig("", -1, -2),
                        kafka("", "SASL_SSL", "", "", "nohost"),
                        new RegistryConfig("ftp://user:registry-secret@x", "nocolon"),
                        new SecurityConfig(true, "short", "short-peer", "10.0.0.0/33, bad host", Duration.ofSeconds(5)),
                        Map.of("inference.batch.size", "zero")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ULTRALINE_MODEL_DIR")
                .hasMessageContaining("ULTRALINE_MODEL_THREADS")
                .hasMessageContaining("ULTRALINE_MODEL_PARALLEL_RUNS) must be >= 0, got -2")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("KAFKA_SASL_MECHANISM")
                .hasMessageContaining("KAFKA_SASL_JAAS_CONFIG")
                .hasMessageContaining("ULTRALINE_ADVERTISED_ENDPOINT")
                .hasMessageContaining("SCHEMA_REGISTRY_URL")
                .hasMessageContaining("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO")
                .hasMessageContaining("ULTRALINE_API_TOKEN")
                .hasMessageContaining("ULTRALINE_PEER_TOKEN) must have at least 16")
                .hasMessageContaining("'10.0.0.0/33' is not a CIDR block")
                .hasMessageContaining("ULTRALINE_SESSION_MAX_AGE")
                .hasMessageContaining("inference.batch.size")
                .hasMessageContaining("ftp://***@x")
                .hasMessageNotContaining("registry-secret");
    }

    @Test
    void thePeerTokenMustDifferFromTheApiToken() {
        String token = "the-same-token-for-both";
        assertThatThrownBy(() -> new ServiceSettings(
                        MODEL,
                        KAFKA,
                        REGISTRY,
                        new SecurityConfig(true, token, " " + token + " ", "", Duration.ofHours(1)),
                        Map.of()))
                .hasMessageContaining("ULTRALINE_PEER_TOKEN) must differ from ULTRALINE_API_TOKEN");
    }

    @Test
    void securityOffNeedsNoTokenAndSaslSettingsPassThrough() {
        ServiceSettings s = new ServiceSettings(
                MODEL,
                kafka("b:9093", "SASL_SSL", "SCRAM-SHA-512", "jaas-line", "pod-0.svc:8080"),
                REGISTRY,
                new SecurityConfig(false, "", "", "", null),
                Map.of());
        assertThat(s.kafka().clientConfig())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "jaas-line")
                .doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void settingsRecordsPrintNoSecrets() {
        String printed = new RegistryConfig("https://svc:url-secret@r:8081", "svc:auth-secret") + " "
                + new SecurityConfig(true, "api-token-secret-0123", "peer-token-secret-0123", "", Duration.ofHours(1))
                + " "
                + new KafkaSettings(
                        "b:9093",
                        "app",
                        "/s",
                        1,
                        "",
                        "",
                        "SASL_SSL",
                        "PLAIN",
                        "PlainLoginModule required username=\"u\" password=\"jaas-secret\";",
                        "/t",
                        "trust-secret",
                        "/k",
                        "key-secret",
                        45_000);
        assertThat(printed)
                .doesNotContain(
                        "url-secret",
                        "auth-secret",
                        "api-token-secret",
                        "peer-token-secret",
                        "jaas-secret",
                        "trust-secret",
                        "key-secret")
                .contains("svc:***", "https://***@r:8081", "b:9093");
    }

    @Test
    void registryBasicAuthBecomesConfluentUserInfo() {
        assertThat(new RegistryConfig("http://r:8081", "u:p").serdeConfig())
                .containsEntry("basic.auth.credentials.source", "USER_INFO")
                .containsEntry("basic.auth.user.info", "u:p")
                .containsEntry("auto.register.schemas", true);
        assertThat(new RegistryConfig("http://r:8081", "", false).serdeConfig())
                .containsEntry("auto.register.schemas", false);
    }
}
