package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.CompatibilityLevel;
import io.ultraline.serde.RegistrySettings;
import io.ultraline.serde.RestSchemaRegistryClient;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.serde.SpecificAvroSerializer;
import io.ultraline.stream.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code ultraline schemas register|check} against the embedded Apicurio registry (Confluent API):
 * subjects created with BACKWARD compatibility, check passing only once they are, a subject whose
 * history the current schema breaks refused by both, and a serializer that does not register
 * writing once the schemas are there.
 */
class SchemasCommandIT {

    private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared();
    private final RestSchemaRegistryClient client =
            new RestSchemaRegistryClient(RegistrySettings.of(registry.confluentApiUrl()));

    @Test
    void registerCreatesTheSubjectsWithBackwardCompatibilityAndCheckThenPasses() {
        SchemasCommand.Target target =
                target("reg-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        Run before = check(target);
        assertThat(before.code).isEqualTo(1);
        assertThat(before.out).contains(target.topicPrefix + "line.frames-value: not registered");

        Run first = register(target);
        assertThat(first.code).as(first.out).isZero();
        assertThat(first.out)
                .contains(target.topicPrefix + "line.verdicts-value")
                .contains("(new)");
        for (String topic : Topics.pipeline()) {
            assertThat(client.compatibility(target.topicPrefix + topic + "-value"))
                    .as(topic)
                    .hasValue(CompatibilityLevel.BACKWARD);
        }
        Run again = register(target);
        assertThat(again.code).isZero();
        assertThat(again.out).as("registering twice changes nothing").doesNotContain("(new)");
        Run after = check(target);
        assertThat(after.code).as(after.out).isZero();
        assertThat(Main.run(
                        "schemas",
                        "check",
                        "--registry-url",
                        registry.confluentApiUrl(),
                        "--topic-prefix",
                        target.topicPrefix))
                .isZero();
    }

    @Test
    void aSubjectWhoseHistoryTheSchemaBreaksIsRefusedAndReported() {
        SchemasCommand.Target target =
                target("old-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        String subject = target.topicPrefix + "line.verdicts-value";
        // an older FrameVerdict without the fields the current one requires (no defaults)
        client.register(
                subject,
                "{\"type\":\"record\",\"name\":\"FrameVerdict\",\"namespace\":\"io.ultraline.avro\","
                        + "\"fields\":[{\"name\":\"cameraId\",\"type\":\"string\"}]}");
        Run registered = register(target);
        assertThat(registered.code).isEqualTo(1);
        assertThat(registered.out)
                .containsPattern(java.util.regex.Pattern.quote(subject) + " +REFUSED: .*409")
                .contains("1 subject(s) refused their schema: [" + subject + "]");
        Run checked = check(target);
        assertThat(checked.code).isEqualTo(1);
        assertThat(checked.out)
                .contains(subject + ": the schema is not compatible with the latest registered version")
                .containsPattern(java.util.regex.Pattern.quote(target.topicPrefix + "line.frames-value") + " +ok");
    }

    @Test
    void aSerializerThatDoesNotRegisterWritesOnlyWhatRegisterPutThere() {
        SchemasCommand.Target target =
                target("ser-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        CalibrationCommand command = CalibrationCommand.newBuilder()
                .setCommandId("c")
                .setCameraId("cam")
                .setAction(CalibrationAction.START)
                .setFrameCount(3)
                .setRequestedBy("it")
                .setTimestamp(Instant.ofEpochMilli(1))
                .build();
        String topic = target.topicPrefix + Topics.CALIBRATION;
        try (SpecificAvroSerializer<CalibrationCommand> serializer = new SpecificAvroSerializer<>()) {
            serializer.configure(
                    Map.of(
                            SerdeConfig.SCHEMA_REGISTRY_URL,
                            registry.confluentApiUrl(),
                            SerdeConfig.AUTO_REGISTER_SCHEMAS,
                            false),
                    false);
            assertThatThrownBy(() -> serializer.serialize(topic, command)).hasMessageContaining(topic + "-value");
            assertThat(register(target).code).isZero();
            assertThat(serializer.serialize(topic, command)).isNotEmpty();
        }
    }

    private SchemasCommand.Target target(String prefix) {
        SchemasCommand.Target t = new SchemasCommand.Target();
        t.registryUrl = registry.confluentApiUrl();
        t.topicPrefix = prefix;
        return t;
    }

    private record Run(int code, String out) {}

    private static Run register(SchemasCommand.Target target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SchemasCommand.register(
                target, CompatibilityLevel.BACKWARD, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static Run check(SchemasCommand.Target target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SchemasCommand.check(target, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
