package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.serde.CompatibilityLevel;
import io.ultraline.serde.RegistrySettings;
import io.ultraline.serde.RestSchemaRegistryClient;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.serde.SpecificAvroDeserializer;
import io.ultraline.serde.SpecificAvroSerializer;
import io.ultraline.stream.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The claim that any Confluent-API schema registry works, checked against two implementations
 * besides the embedded Apicurio: Confluent's cp-schema-registry and Aiven's Karapace, each on its
 * own Kafka in containers. {@code ultraline schemas register|check} must pass, set BACKWARD on
 * every subject, and a serializer that does not register must round-trip a record.
 *
 * <p>Runs only in the {@code testcontainers} profile and only where a Docker engine answers;
 * elsewhere every case is skipped with a message saying so (never failed: CI machines without
 * Docker still build). Images: {@code -Dultraline.registry.confluent.image},
 * {@code -Dultraline.registry.karapace.image}.
 */
class RegistryCompatibilityIT {

    private static final String CONFLUENT =
            System.getProperty("ultraline.registry.confluent.image", "confluentinc/cp-schema-registry:7.9.0");
    private static final String KARAPACE =
            System.getProperty("ultraline.registry.karapace.image", "ghcr.io/aiven-open/karapace:4.1.0");
    private static final String KAFKA = System.getProperty("ultraline.kafka.image", "apache/kafka:4.4.0");
    private static final String KAFKA_ALIAS = "kafka";
    private static final String INTERNAL_BOOTSTRAP = KAFKA_ALIAS + ":19092";

    /** Per case, so that the report counts each skipped case and carries the reason. */
    private static void requireDocker() {
        assumeTrue(
                dockerAvailable(),
                "RegistryCompatibilityIT skipped: no Docker engine answers on this machine, so "
                        + "cp-schema-registry and Karapace cannot be started (the embedded Apicurio registry is tested by "
                        + "SchemasCommandIT)");
    }

    static Stream<String> registries() {
        return Stream.of("confluent", "karapace");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registries")
    void schemasRegisterCheckAndRoundTrip(String kind) {
        requireDocker();
        try (Network network = Network.newNetwork();
                KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(KAFKA))
                        .withNetwork(network)
                        .withNetworkAliases(KAFKA_ALIAS)
                        .withListener(INTERNAL_BOOTSTRAP);
                GenericContainer<?> registry =
                        registry(kind).withNetwork(network).dependsOn(kafka)) {
            registry.start();
            String url = "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);

            assertThat(run("register", url)).isZero();
            assertThat(run("check", url)).isZero();
            RestSchemaRegistryClient client = new RestSchemaRegistryClient(RegistrySettings.of(url));
            for (String topic : Topics.pipeline()) {
                assertThat(client.compatibility(topic + "-value"))
                        .as(kind + " " + topic)
                        .hasValue(CompatibilityLevel.BACKWARD);
            }
            roundTrip(url);
        }
    }

    private static GenericContainer<?> registry(String kind) {
        if (kind.equals("confluent")) {
            return new GenericContainer<>(DockerImageName.parse(CONFLUENT))
                    .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                    .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                    .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://" + INTERNAL_BOOTSTRAP)
                    .withExposedPorts(8081)
                    .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        }
        return new GenericContainer<>(DockerImageName.parse(KARAPACE))
                .withCreateContainerCmdModifier(
                        cmd -> cmd.withEntrypoint("/bin/bash", "/opt/karapace/start.sh", "registry"))
                .withEnv("KARAPACE_ADVERTISED_HOSTNAME", "karapace")
                .withEnv("KARAPACE_BOOTSTRAP_URI", INTERNAL_BOOTSTRAP)
                .withEnv("KARAPACE_HOST", "0.0.0.0")
                .withEnv("KARAPACE_PORT", "8081")
                .withEnv("KARAPACE_CLIENT_ID", "karapace")
                .withEnv("KARAPACE_GROUP_ID", "karapace-registry")
                .withEnv("KARAPACE_MASTER_ELIGIBILITY", "true")
                .withEnv("KARAPACE_TOPIC_NAME", "_schemas")
                .withExposedPorts(8081)
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
    }

    private static int run(String action, String url) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SchemasCommand.Target target = new SchemasCommand.Target();
        target.registryUrl = url;
        target.topicPrefix = "";
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = action.equals("register")
                ? SchemasCommand.register(target, CompatibilityLevel.BACKWARD, print)
                : SchemasCommand.check(target, print);
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }

    private static void roundTrip(String url) {
        CalibrationCommand command = CalibrationCommand.newBuilder()
                .setCommandId("c")
                .setCameraId("cam")
                .setAction(CalibrationAction.START)
                .setFrameCount(3)
                .setRequestedBy("it")
                .setTimestamp(Instant.ofEpochMilli(1))
                .build();
        Map<String, Object> config =
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url, SerdeConfig.AUTO_REGISTER_SCHEMAS, false);
        try (SpecificAvroSerializer<CalibrationCommand> serializer = new SpecificAvroSerializer<>();
                SpecificAvroDeserializer<CalibrationCommand> deserializer = new SpecificAvroDeserializer<>()) {
            serializer.configure(config, false);
            deserializer.configure(config, false);
            byte[] bytes = serializer.serialize(Topics.CALIBRATION, command);
            assertThat(deserializer.deserialize(Topics.CALIBRATION, bytes)).isEqualTo(command);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
