package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    private static final String FRAME = CameraFrame.getClassSchema().toString();

    private FakeSchemaRegistry registry;
    private RestSchemaRegistryClient client;

    @BeforeEach
    void setUp() throws IOException {
        registry = FakeSchemaRegistry.start("/apis/ccompat/v7");
        client = new RestSchemaRegistryClient(RegistrySettings.of(registry.url() + "/"));
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    @Test
    void registerSendsOnlyTheSchemaAsRegistryJson() throws IOException {
        int id = client.register("line.frames-value", FRAME);

        FakeSchemaRegistry.Request request = registry.lastRequest();
        assertThat(id).isEqualTo(1);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/subjects/line.frames-value/versions");
        assertThat(request.headers()).containsEntry("content-type", "application/vnd.schemaregistry.v1+json");
        assertThat(request.headers().get("accept")).startsWith("application/vnd.schemaregistry.v1+json");
        Map<String, Object> body = new ObjectMapper()
                .readValue(request.body(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
        assertThat(body).containsOnlyKeys("schema").containsEntry("schema", FRAME);
    }

    @Test
    void aConflictOverASchemaThatIsThereIsTheLostRaceOfAConcurrentFirstRegistration() {
        registry.preRegister("line.verdicts-value", FRAME); // the other instance won
        registry.failNext(
                409,
                "{\"error_code\":409,\"message\":\"An artifact with ID 'line.verdicts-value' in group "
                        + "'null' already exists.\"}");

        assertThat(client.register("line.verdicts-value", FRAME)).isEqualTo(1);
    }

    @Test
    void aLostRaceWhoseWinnerIsNotVisibleYetIsLookedUpAgain() {
        registry.failNext(
                409,
                "{\"error_code\":409,\"message\":\"An artifact with ID 'line.verdicts-value' in group "
                        + "'null' already exists.\"}");
        registry.failNext(404, "{\"error_code\":40401,\"message\":\"No artifact with ID 'line.verdicts-value'\"}");
        registry.preRegister("line.verdicts-value", FRAME); // visible from the second lookup on

        assertThat(client.register("line.verdicts-value", FRAME)).isEqualTo(1);
        assertThat(registry.count("POST", "/subjects/line.verdicts-value")).isEqualTo(2);
    }

    @Test
    void aLostRaceWhoseWinnerNeverAppearsRegistersOnceMore() {
        registry.failNext(
                409,
                "{\"error_code\":409,\"message\":\"An artifact with ID 'line.verdicts-value' in group "
                        + "'null' already exists.\"}");

        assertThat(client.register("line.verdicts-value", FRAME)).isEqualTo(1);
        assertThat(registry.count("POST", "/subjects/line.verdicts-value"))
                .isEqualTo(RestSchemaRegistryClient.CONFLICT_LOOKUPS);
        assertThat(registry.count("POST", "/subjects/line.verdicts-value/versions"))
                .isEqualTo(2);
    }

    @Test
    void aConflictOverASchemaThatIsNotThereStaysIncompatible() {
        registry.failNext(409, "{\"error_code\":409,\"message\":\"incompatible\"}");

        assertThatThrownBy(() -> client.register("line.verdicts-value", FRAME))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("incompatible");
    }

    @Test
    void lookupLatestAndById() {
        registry.preRegister("line.frames-value", FRAME);

        RegisteredSchema found = client.lookup("line.frames-value", FRAME);
        RegisteredSchema latest = client.latestVersion("line.frames-value");
        RegisteredSchema byId = client.schemaById(1);

        assertThat(found).isEqualTo(new RegisteredSchema(1, "line.frames-value", 1, "AVRO", FRAME));
        assertThat(latest).isEqualTo(found);
        assertThat(byId).isEqualTo(new RegisteredSchema(1, null, null, "AVRO", FRAME));
        assertThat(byId.isAvro()).isTrue();
    }

    @Test
    void lookupOfAnUnknownSubjectIsNotFound() {
        SchemaNotFoundException e =
                catchThrowableOfType(SchemaNotFoundException.class, () -> client.lookup("nobody-value", FRAME));

        assertThat(e.errorCode()).isEqualTo(40401);
        assertThat(e.reason()).isEqualTo(SerdeReason.SCHEMA_NOT_FOUND);
        assertThat(e.url()).endsWith("/apis/ccompat/v7/subjects/nobody-value");
    }

    @Test
    void compatibilityConfigForSubjectAndRegistry() {
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(client.compatibility("line.frames-value")).isEmpty();

        client.setCompatibility("line.frames-value", CompatibilityLevel.FULL_TRANSITIVE);
        client.setGlobalCompatibility(CompatibilityLevel.NONE);

        assertThat(client.compatibility("line.frames-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(client.globalCompatibility()).isEqualTo(CompatibilityLevel.NONE);
        assertThat(registry.lastRequest().path()).isEqualTo("/config");
    }

    @Test
    void testCompatibilityAgainstTheLatestVersion() {
        registry.preRegister("line.frames-value", FRAME);

        assertThat(client.testCompatibility("line.frames-value", FRAME).compatible())
                .isTrue();
        assertThat(client.testCompatibility(
                                "line.frames-value",
                                FrameVerdict.getClassSchema().toString())
                        .compatible())
                .isFalse();
        assertThat(registry.lastRequest().path())
                .isEqualTo("/compatibility/subjects/line.frames-value/versions/latest");
    }

    @Test
    void subjectsArePathEncoded() {
        client.register("odd subject/with?chars", FRAME);

        assertThat(registry.lastRequest().path()).isEqualTo("/subjects/odd%20subject%2Fwith%3Fchars/versions");
        assertThat(client.latestVersion("odd subject/with?chars").subject()).isEqualTo("odd subject/with?chars");
    }

    @Test
    void modeIsNeverCalled() {
        client.register("a-value", FRAME);
        client.lookup("a-value", FRAME);
        client.schemaById(1);
        client.latestVersion("a-value");
        client.compatibility("a-value");
        client.globalCompatibility();
        client.testCompatibility("a-value", FRAME);

        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .noneMatch(path -> path.contains("/mode"))
                .allMatch(path -> !path.startsWith("!"), "every request under the ccompat prefix");
    }

    @Test
    void basicAuthFromUserInfo() {
        Map<String, Object> config = new HashMap<>();
        config.put(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url());
        config.put(SerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(SerdeConfig.BASIC_AUTH_USER_INFO, "alice:s3cret:with:colons");

        serialize(config);

        assertThat(registry.lastRequest().headers())
                .containsEntry("authorization", "Basic " + base64("alice:s3cret:with:colons"));
    }

    @Test
    void basicAuthFromTheUrl() {
        String url = registry.url().replace("http://", "http://bob:pa%40ss@");

        serialize(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, url));

        assertThat(registry.lastRequest().headers()).containsEntry("authorization", "Basic " + base64("bob:pa@ss"));
    }

    @Test
    void noAuthorizationHeaderWithoutCredentials() {
        serialize(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()));

        assertThat(registry.lastRequest().headers()).doesNotContainKey("authorization");
    }

    private void serialize(Map<String, Object> config) {
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(config, false);
        serializer.serialize("line.frames", SampleRecords.cameraFrame());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
