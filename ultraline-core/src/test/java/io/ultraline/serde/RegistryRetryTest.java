package io.ultraline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.RejectReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryRetryTest {

    private static final String SCHEMA = CameraFrame.getClassSchema().toString();

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() throws IOException {
        registry = FakeSchemaRegistry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    @Test
    void closedPortGivesUpAfterTheConfiguredRetriesWithinTheBackoffBudget() throws IOException {
        String deadUrl = "http://127.0.0.1:" + closedPort();
        RestSchemaRegistryClient client = client(List.of(deadUrl), 3, 20, 40);

        long start = System.nanoTime();
        RegistryUnavailableException e =
                catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(1));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.urls()).containsExactly(deadUrl);
        assertThat(e.reason()).isEqualTo(SerdeReason.REGISTRY_UNAVAILABLE);
        assertThat(e.reason().rejectReason()).isEqualTo(RejectReason.REGISTRY_UNAVAILABLE);
        assertThat(e)
                .hasMessageContaining(deadUrl)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("ConnectException");
        // backoff 20 + 40 + 40 (capped) ms; connection refusals are immediate on loopback
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(100)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void deserializerReportsTheUnavailableRegistryWithTopicAndSchemaId() throws IOException {
        SpecificAvroDeserializer<CameraFrame> deserializer = new SpecificAvroDeserializer<>(CameraFrame.class);
        deserializer.configure(
                Map.of(
                        SerdeConfig.SCHEMA_REGISTRY_URL,
                        "http://127.0.0.1:" + closedPort(),
                        SerdeConfig.SCHEMA_REGISTRY_RETRIES,
                        1,
                        SerdeConfig.SCHEMA_REGISTRY_RETRY_BACKOFF_MS,
                        5),
                false);

        assertThatThrownBy(() -> deserializer.deserialize("line.frames", WireFormat.encode(7, new byte[0])))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("topic=line.frames")
                .hasMessageContaining("schemaId=7")
                .hasMessageContaining("after 2 attempts");
    }

    @Test
    void serverErrorsAreRetriedUntilSuccess() {
        registry.failNext(503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}");
        registry.failNext(500, "<html>proxy error</html>");

        int id = client(List.of(registry.url()), 2, 1, 1).register("s-value", SCHEMA);

        assertThat(id).isEqualTo(1);
        assertThat(registry.count("POST", "/subjects/s-value/versions")).isEqualTo(3);
    }

    @Test
    void persistentServerErrorsEndAsUnavailableNamingTheLastAnswer() {
        for (int i = 0; i < 3; i++) {
            registry.failNext(503, "{\"error_code\":50003,\"message\":\"store unavailable\"}");
        }

        assertThatThrownBy(() -> client(List.of(registry.url()), 2, 1, 1).register("s-value", SCHEMA))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("store unavailable")
                .hasMessageContaining("after 3 attempts");
    }

    @Test
    void throttlingAndRequestTimeoutAreRetried() {
        registry.failNext(429, "{\"error_code\":429,\"message\":\"slow down\"}");
        registry.failNext(408, "");

        assertThat(client(List.of(registry.url()), 2, 1, 1).register("s-value", SCHEMA))
                .isEqualTo(1);
        assertThat(registry.count("POST", "/subjects/s-value/versions")).isEqualTo(3);
    }

    @Test
    void clientErrorsAreNotRetried() {
        registry.failNext(403, "{\"error_code\":40301,\"message\":\"User is denied operation Write\"}");

        RegistryException e = catchThrowableOfType(
                RegistryException.class,
                () -> client(List.of(registry.url()), 5, 1, 1).register("s-value", SCHEMA));

        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.errorCode()).isEqualTo(40301);
        assertThat(e.reason()).isEqualTo(SerdeReason.REGISTRY_REJECTED);
        assertThat(e).hasMessageContaining("User is denied operation Write");
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void nextUrlIsTriedWhenOneCannotBeReached() throws IOException {
        String deadUrl = "http://127.0.0.1:" + closedPort();

        int id = client(List.of(deadUrl, registry.url()), 0, 1, 1).register("s-value", SCHEMA);

        assertThat(id).isEqualTo(1);
        assertThat(registry.requests()).hasSize(1);
    }

    @Test
    void apicurioConflictWithErrorCodeZeroIsAnIncompatibleSchema() {
        registry.failNext(
                409,
                "{\"error_code\":0,\"message\":\"Incompatible artifact: line.frames-value [AVRO],"
                        + " num of incompatible diffs: {1}\"}");
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);

        IncompatibleSchemaException e = catchThrowableOfType(
                IncompatibleSchemaException.class,
                () -> serializer.serialize("line.frames", SampleRecords.cameraFrame()));

        assertThat(e.reason()).isEqualTo(SerdeReason.INCOMPATIBLE_SCHEMA);
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isZero();
        assertThat(e.serverMessage()).startsWith("Incompatible artifact: line.frames-value");
        assertThat(e).hasMessageContaining("Incompatible artifact").hasMessageContaining("topic=line.frames");
        // no retry of the registration; one lookup, which finds no such schema under the subject
        assertThat(registry.requests())
                .extracting(FakeSchemaRegistry.Request::path)
                .containsExactly("/subjects/line.frames-value/versions", "/subjects/line.frames-value");
    }

    @Test
    void confluentConflictFromARealCompatibilityCheck() {
        registry.preRegister(
                "line.frames-value",
                io.ultraline.avro.FrameVerdict.getClassSchema().toString());
        SpecificAvroSerializer<SpecificRecord> serializer = new SpecificAvroSerializer<>();
        serializer.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.url()), false);

        assertThatThrownBy(() -> serializer.serialize("line.frames", SampleRecords.cameraFrame()))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("incompatible with an earlier schema");
    }

    private static RestSchemaRegistryClient client(List<String> urls, int retries, long backoffMs, long maxBackoffMs) {
        return new RestSchemaRegistryClient(new RegistrySettings(
                urls.stream().map(URI::create).toList(),
                Optional.empty(),
                new RegistryRetryPolicy(retries, Duration.ofMillis(backoffMs), Duration.ofMillis(maxBackoffMs)),
                Duration.ofSeconds(2)));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
