package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientPassThroughTest {

    private static final ModelConfig MODEL = new ModelConfig("models/line-vit", 0, 0);
    private static final KafkaSettings KAFKA = new KafkaSettings(
            "127.0.0.1:9092", "ultraline", "/tmp/state", 1, "", "", "PLAINTEXT", "", "", "", "", "", "", 45_000);
    private static final RegistryConfig REGISTRY = new RegistryConfig("http://127.0.0.1:8081", "", false);
    private static final SecurityConfig SECURITY = SecurityConfig.withToken("a-token-of-sufficient-length");

    private static ServiceSettings settings(Map<String, String> kafka, Map<String, String> registry) {
        return new ServiceSettings(MODEL, KAFKA, REGISTRY, SECURITY, Map.of(), new ClientPassThrough(kafka, registry));
    }

    @Test
    void streamsConsumerProducerAdminAndTopicKeysPassAndReachTheSerdesUnchanged() {
        Map<String, String> kafka = Map.of(
                "num.standby.replicas",
                "1",
                "commit.interval.ms",
                "250",
                "consumer.max.partition.fetch.bytes",
                "9000000",
                "fetch.max.bytes",
                "60000000",
                "producer.linger.ms",
                "5",
                "topic.min.insync.replicas",
                "2",
                "sasl.login.callback.handler.class",
                "org.example.CloudIamLogin",
                "admin.request.timeout.ms",
                "20000");
        ServiceSettings s = settings(kafka, Map.of("use.latest.version", "true", "auto.register.schemas", "false"));
        assertThat(s.passThrough().kafka()).isEqualTo(kafka);
        assertThat(s.serdeConfig())
                .containsEntry("use.latest.version", "true")
                .containsEntry("auto.register.schemas", "false")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081");
        assertThat(s.passThrough().forAdmin())
                .containsEntry("sasl.login.callback.handler.class", "org.example.CloudIamLogin")
                .containsEntry("request.timeout.ms", "20000")
                .doesNotContainKey("num.standby.replicas");
    }

    @Test
    void unknownKeysAndKeysANamedSettingOwnsFailStartUpByName() {
        assertThatThrownBy(() -> settings(
                        Map.of(
                                "num.standby.replica",
                                "1",
                                "consumer.no.such.thing",
                                "x",
                                "bootstrap.servers",
                                "elsewhere:9092"),
                        Map.of("use.latest.versions", "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "ultraline.kafka.properties.num.standby.replica (ULTRALINE_KAFKA_PROPERTIES_NUM_STANDBY_REPLICA) is not a setting")
                .hasMessageContaining("ultraline.kafka.properties.consumer.no.such.thing")
                .hasMessageContaining(
                        "ultraline.kafka.properties.bootstrap.servers: set it with ultraline.kafka.bootstrap-servers")
                .hasMessageContaining(
                        "ultraline.registry.properties.use.latest.versions (ULTRALINE_REGISTRY_PROPERTIES_USE_LATEST_VERSIONS) is not a serde setting");
    }

    @Test
    void environmentVariablesBecomeDottedKeys() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PassThroughProbe.class.getName());
        pb.environment().put("ULTRALINE_KAFKA_PROPERTIES_NUM_STANDBY_REPLICAS", "1");
        pb.environment().put("ULTRALINE_KAFKA_PROPERTIES_CONSUMER_MAX_PARTITION_FETCH_BYTES", "9000000");
        pb.environment().put("ULTRALINE_REGISTRY_PROPERTIES_USE_LATEST_VERSION", "true");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = out.lines()
                .filter(l -> l.startsWith("kafka=") || l.startsWith("registry="))
                .toList();
        assertThat(lines)
                .as(out)
                .containsExactly(
                        "kafka={consumer.max.partition.fetch.bytes=9000000, num.standby.replicas=1}",
                        "registry={use.latest.version=true}");
    }
}
