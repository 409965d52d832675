package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.dev.BrokerListener;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service against a real broker whose only client listener is SASL_PLAINTEXT (SASL/PLAIN) and a
 * real registry, with the shipped model and security on: start-up checks, health without a token
 * (details only with one), 401 without or with a wrong token or with the token in the query,
 * management endpoints not exposed, frames flowing to the API, the overlay and the metrics, and the
 * dashboard in a real headless Chromium ({@link SecureDashboardCheck}).
 */
class ServiceIT {

    private static final String USER = "ultraline";
    private static final String PASSWORD = "processor-secret";
    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;
    private static String prefix;
    private static PipelineTopics topics;
    private static Path stateDir;

    @BeforeAll
    static void startBrokerAndRegistry() throws Exception {
        kafka = EmbeddedKafka.builder()
                .listener(BrokerListener.saslPlain(0, Map.of(USER, PASSWORD)))
                .build()
                .start();
        registry = EmbeddedSchemaRegistry.shared();
        prefix = "svc-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl()))
                .withPrefix(prefix);
        for (String t : topics.names()) {
            kafka.createTopic(t, 2);
        }
        stateDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "svc-state");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static Map<String, Object> settings(String password) {
        Map<String, Object> p = new HashMap<>();
        p.put("ultraline.model-dir", Path.of("models/line-vit").toAbsolutePath().toString());
        p.put("ultraline.kafka.bootstrap-servers", kafka.bootstrapServers(BrokerListener.SASL_PLAIN));
        p.put("ultraline.kafka.application-id", prefix + "app");
        p.put("ultraline.kafka.state-dir", stateDir.toString());
        p.put("ultraline.kafka.topic-prefix", prefix);
        p.put("ultraline.kafka.security-protocol", "SASL_PLAINTEXT");
        p.put("ultraline.kafka.sasl-mechanism", "PLAIN");
        p.put(
                "ultraline.kafka.sasl-jaas-config",
                BrokerListener.saslPlainClientConfig(USER, password).get("sasl.jaas.config"));
        p.put("ultraline.registry.url", registry.confluentApiUrl());
        p.put("ultraline.security.enabled", true);
        p.put("ultraline.security.token", TOKEN);
        p.put("ultraline.pipeline.inference.batch.max-wait", "50");
        // the longest inline wait allowed: on a busy machine a 2 s build can land a frame later
        p.put("ultraline.pipeline.calibration.max-inline-build", "5000");
        p.put("micronaut.server.host", "127.0.0.1");
        p.put("micronaut.server.port", -1);
        return p;
    }

    @Test
    void aWrongKafkaPasswordFailsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> UltralineApplication.start(settings("wrong-password")))
                .satisfies(e -> assertThat(UltralineApplication.reason(e))
                        .contains("rejected the credentials")
                        .contains("KAFKA_SASL_JAAS_CONFIG")
                        .contains(kafka.bootstrapServers(BrokerListener.SASL_PLAIN)));
    }

    @Test
    void missingSettingsFailStartUpNamingEachOne() {
        Map<String, Object> p = settings(PASSWORD);
        p.put("ultraline.kafka.bootstrap-servers", "");
        p.put("ultraline.registry.url", "");
        p.put("ultraline.security.token", "");
        assertThatThrownBy(() -> UltralineApplication.start(p))
                .satisfies(e -> assertThat(UltralineApplication.reason(e))
                        .contains("KAFKA_BOOTSTRAP_SERVERS")
                        .contains("SCHEMA_REGISTRY_URL")
                        .contains("ULTRALINE_API_TOKEN"));
    }

    @Test
    void servesOverSaslWithATokenProtectedApiAndFramesReachApiOverlayMetricsAndTheDashboard() throws Exception {
        Map<String, Object> gpuExpected = settings(PASSWORD);
        // a GPU deployment on this CPU-only machine: it serves, and says so in health and metrics
        gpuExpected.put("ultraline.model-device", "gpu");
        try (ApplicationContext app = UltralineApplication.start(gpuExpected)) {
            String base = "http://127.0.0.1:" + UltralineApplication.port(app);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> get(base + "/health/readiness", null).statusCode() == 200);
            assertThat(get(base + "/health/liveness", null).statusCode()).isEqualTo(200);
            for (String path : new String[] {"/api/cameras", "/api/alerts", "/prometheus", "/dashboard/index.html"}) {
                HttpResponse<byte[]> none = get(base + path, null);
                assertThat(none.statusCode()).as(path + " without a token").isEqualTo(401);
                assertThat(new String(none.body())).doesNotContain("cameraId");
                assertThat(get(base + path, "wrong-token-0123456789").statusCode())
                        .as(path + " wrong token")
                        .isEqualTo(401);
            }
            tokensInTheQueryAreRefusedAndManagementEndpointsAreNotExposed(base);
            healthDetailsAreForAuthenticatedCallersOnly(base);
            aGpuDeploymentOnTheCpuIsAHealthWarning(base);

            sendCalibrationAndFrames();
            await().atMost(Duration.ofMinutes(2)).until(() -> {
                JsonNode cams = JSON.readTree(get(base + "/api/cameras", TOKEN).body());
                return cams.path("cameras").size() == 1
                        && cams.path("cameras").get(0).path("frameId").asText().equals("cam-1-defect");
            });
            // a frame's verdict, defects and explanation reach the recent frames one record at a
            // time, so the verdict can be there a moment before the rest
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                JsonNode f = JSON.readTree(get(base + "/api/cameras/cam-1/frames/cam-1-defect", TOKEN)
                        .body());
                return f.path("explanation").path("tokenLabels").size() > 0
                        && f.path("defects").size()
                                == f.path("verdict").path("regionCount").asInt();
            });
            JsonNode camera =
                    JSON.readTree(get(base + "/api/cameras/cam-1", TOKEN).body());
            assertThat(camera.path("status").asText()).isIn("OK", "DEFECT");
            assertThat(camera.path("threshold").isNumber()).isTrue();
            assertThat(camera.path("scores").size()).isEqualTo(5);

            JsonNode frame = JSON.readTree(
                    get(base + "/api/cameras/cam-1/frames/cam-1-defect", TOKEN).body());
            assertThat(frame.path("verdict").path("frameId").asText()).isEqualTo("cam-1-defect");
            assertThat(frame.path("explanation").path("tokenLabels").size()).isEqualTo(64);
            assertThat(frame.path("defects").size())
                    .isEqualTo(frame.path("verdict").path("regionCount").asInt());

            HttpResponse<byte[]> overlay = get(base + "/api/cameras/cam-1/overlay.png?frameId=cam-1-defect", TOKEN);
            assertThat(overlay.statusCode()).isEqualTo(200);
            assertThat(overlay.headers().firstValue("Content-Type")).hasValue("image/png");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(overlay.body()));
            assertThat(png.getWidth()).isGreaterThanOrEqualTo(OverlayRenderer.MIN_SIDE);

            String metrics = new String(get(base + "/prometheus", TOKEN).body());
            assertThat(metrics)
                    .contains("ultraline_frames_in_total{camera=\"cam-1\"} 5.0")
                    .contains("ultraline_verdicts_total{camera=\"cam-1\",status=\"CALIBRATING\"} 3.0")
                    .contains("ultraline_model_batch_seconds_count")
                    .contains("ultraline_capture_to_verdict_seconds_bucket");
            assertThat(get(base + "/api/cameras/no-such-camera", TOKEN).statusCode())
                    .isEqualTo(404);
            SecureDashboardCheck.run(base, TOKEN, "cam-1");
        }
    }

    private static void tokensInTheQueryAreRefusedAndManagementEndpointsAreNotExposed(String base) throws Exception {
        for (String path : new String[] {
            "/prometheus", "/api/cameras", "/dashboard/index.html", "/dashboard/dashboard.css", "/health/../prometheus"
        }) {
            assertThat(get(base + path + "?access_token=" + TOKEN, null).statusCode())
                    .as(path + "?access_token")
                    .isIn(400, 401);
        }
        assertThat(get(base + "/health/%2e%2e/prometheus", null).statusCode()).isEqualTo(400);
        assertThat(get(base + "/prometheus", null, "bEaReR " + TOKEN).statusCode())
                .isEqualTo(200);
        for (String path : new String[] {"/loggers", "/beans", "/routes", "/threaddump", "/env", "/info", "/refresh"}) {
            assertThat(get(base + path, TOKEN).statusCode())
                    .as(path + " with the API token")
                    .isIn(401, 404);
        }
        HttpResponse<byte[]> refresh = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/refresh"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(refresh.statusCode()).as("POST /refresh").isIn(401, 404, 405);
        HttpResponse<byte[]> setLevel = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/loggers/io.ultraline"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"TRACE\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(setLevel.statusCode()).as("POST /loggers").isIn(401, 404, 405);
    }

    private static void aGpuDeploymentOnTheCpuIsAHealthWarning(String base) throws Exception {
        HttpResponse<byte[]> health = get(base + "/health", TOKEN);
        assertThat(health.statusCode()).as("a warning, not an outage").isEqualTo(200);
        JsonNode device = JSON.readTree(health.body()).path("details").path("ultraline-model-device");
        assertThat(device.path("status").asText()).as(device.toString()).isEqualTo("WARNING");
        assertThat(device.path("details").path("device").asText()).isEqualTo("cpu");
        assertThat(device.path("details").path("warning").asText()).contains("ULTRALINE_MODEL_DEVICE=gpu");
        assertThat(new String(get(base + "/prometheus", TOKEN).body()))
                .containsPattern("ultraline_model_info\\{device=\"cpu\",.*\\} 1");
    }

    private static void healthDetailsAreForAuthenticatedCallersOnly(String base) throws Exception {
        JsonNode anonymous = JSON.readTree(get(base + "/health/readiness", null).body());
        assertThat(anonymous.path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("details")).as(anonymous.toString()).isFalse();
        JsonNode operator = JSON.readTree(get(base + "/health/readiness", TOKEN).body());
        assertThat(operator.path("details").toString())
                .contains("ultraline-pipeline")
                .contains("reachable");
    }

    private static void sendCalibrationAndFrames() throws Exception {
        Map<String, Object> config = new HashMap<>(BrokerListener.saslPlainClientConfig(USER, PASSWORD));
        config.put("bootstrap.servers", kafka.bootstrapServers(BrokerListener.SASL_PLAIN));
        FrameGenerator generator = new FrameGenerator();
        CameraSetup setup = CameraSetup.random(MaterialFamily.BRUSHED_METAL, 3);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, CalibrationCommand> commands = new KafkaProducer<>(
                        config,
                        topics.calibration().keySerde().serializer(),
                        topics.calibration().valueSerde().serializer());
                KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                        config,
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer())) {
            commands.send(new ProducerRecord<>(
                            topics.calibration().name(),
                            null,
                            now,
                            "cam-1",
                            CalibrationCommand.newBuilder()
                                    .setCommandId("it-" + UUID.randomUUID())
                                    .setCameraId("cam-1")
                                    .setAction(CalibrationAction.START)
                                    .setFrameCount(3)
                                    .setRequestedBy("ServiceIT")
                                    .setTimestamp(Instant.ofEpochMilli(now))
                                    .build()))
                    .get();
            for (int i = 0; i < 5; i++) {
                BufferedImage image = i < 4
                        ? generator.good(setup, i, 128).image()
                        : generator.generate(setup, 99, DefectType.STAIN, 128).image();
                String id = i < 4 ? "cam-1-" + i : "cam-1-defect";
                frames.send(new ProducerRecord<>(
                                topics.frames().name(), null, now + 100 + i, "cam-1", frame(id, image, now + 100 + i)))
                        .get();
            }
        }
    }

    private static CameraFrame frame(String id, BufferedImage image, long capture) throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return CameraFrame.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-it")
                .setFrameId(id)
                .setCaptureTimestamp(Instant.ofEpochMilli(capture))
                .setEncoding(ImageEncoding.PNG)
                .setWidth(image.getWidth())
                .setHeight(image.getHeight())
                .setImage(ByteBuffer.wrap(png.toByteArray()))
                .setProductId(null)
                .setAttributes(Map.of())
                .build();
    }

    private static HttpResponse<byte[]> get(String url, String token) throws Exception {
        return get(url, token, token == null ? null : "Bearer " + token);
    }

    private static HttpResponse<byte[]> get(String url, String token, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET();
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
