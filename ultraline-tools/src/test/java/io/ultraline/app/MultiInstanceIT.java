package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the service with one application id share the partitions; A answers for the
 * cameras B owns by asking B with the peer token, and lists all of them. B allows no peer host on
 * loopback, so its reads of A's cameras are refused (503) with the reason.
 */
class MultiInstanceIT {

    private static final String TOKEN = "multi-instance-token-0123";
    private static final String PEER_TOKEN = "multi-instance-peer-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CAMERAS = List.of("cam-a", "cam-b", "cam-c", "cam-d", "cam-e", "cam-f");

    @Test
    void eachInstanceAnswersForEveryCameraByAskingTheOwner() throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            String prefix = "multi-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            PipelineTopics topics = PipelineTopics.avro(
                            Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl()))
                    .withPrefix(prefix);
            for (String t : topics.names()) {
                kafka.createTopic(t, 4);
            }
            int portA = freePort();
            int portB = freePort();
            Map<String, Object> settingsB = settings(kafka, registry, prefix, portB);
            // B forwards to nobody on loopback: its reads of A's cameras must be refused with a reason
            settingsB.put("ultraline.security.peer-hosts", "10.0.0.0/8");
            try (ApplicationContext a = UltralineApplication.start(settings(kafka, registry, prefix, portA));
                    ApplicationContext b = UltralineApplication.start(settingsB)) {
                String baseA = "http://127.0.0.1:" + portA;
                String baseB = "http://127.0.0.1:" + portB;
                await().atMost(Duration.ofMinutes(2)).until(() -> ready(baseA) && ready(baseB));
                send(kafka, topics);
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> cameraIds(baseA, "/api/cameras").containsAll(CAMERAS)
                                && cameraIds(baseA, "/api/cameras?local=true").size()
                                                + cameraIds(baseB, "/api/cameras?local=true")
                                                        .size()
                                        == CAMERAS.size());
                Set<String> localA = cameraIds(baseA, "/api/cameras?local=true");
                Set<String> localB = cameraIds(baseB, "/api/cameras?local=true");
                assertThat(localA).as("both instances own cameras").isNotEmpty();
                assertThat(localB).isNotEmpty();
                assertThat(new HashSet<>(localA)).doesNotContainAnyElementsOf(localB);

                JsonNode listB = JSON.readTree(get(baseB + "/api/cameras").body());
                assertThat(listB.path("unreachableInstances").toString()).contains("127.0.0.1:" + portA);
                assertThat(listB.path("unreachableReasons").toString()).contains("not an allowed peer");
                String ownedByA = localA.iterator().next();
                HttpResponse<byte[]> refused = get(baseB + "/api/cameras/" + ownedByA);
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(refused.body()).path("reason").asText())
                        .contains("ULTRALINE_PEER_HOSTS");
                // the peer token reads local answers only, and nothing else
                assertThat(get(baseA + "/api/cameras?local=true", PEER_TOKEN).statusCode())
                        .isEqualTo(200);
                assertThat(get(baseA + "/api/cameras", PEER_TOKEN).statusCode()).isEqualTo(403);
                assertThat(get(baseA + "/prometheus", PEER_TOKEN).statusCode()).isEqualTo(403);

                String ownedByB = localB.iterator().next();
                HttpResponse<byte[]> viaA = get(baseA + "/api/cameras/" + ownedByB);
                assertThat(viaA.statusCode()).isEqualTo(200);
                assertThat(viaA.headers().firstValue("X-Ultraline-Owner")).hasValue("127.0.0.1:" + portB);
                assertThat(JSON.readTree(viaA.body()).path("cameraId").asText()).isEqualTo(ownedByB);
                HttpResponse<byte[]> overlayViaA = get(baseA + "/api/cameras/" + ownedByB + "/overlay.png");
                assertThat(overlayViaA.statusCode()).isEqualTo(200);
                assertThat(overlayViaA.headers().firstValue("Content-Type")).hasValue("image/png");
            }
        }
    }

    private static Map<String, Object> settings(
            EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String prefix, int port) throws Exception {
        Map<String, Object> p = InstanceSettings.of(kafka, registry, prefix, port);
        p.put("ultraline.security.enabled", true);
        p.put("ultraline.security.token", TOKEN);
        p.put("ultraline.security.peer-token", PEER_TOKEN);
        return p;
    }

    private static void send(EmbeddedKafka kafka, PipelineTopics topics) throws Exception {
        FrameGenerator generator = new FrameGenerator();
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, CalibrationCommand> commands = new KafkaProducer<>(
                        kafka.clientConfig(),
                        topics.calibration().keySerde().serializer(),
                        topics.calibration().valueSerde().serializer());
                KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                        kafka.clientConfig(),
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer())) {
            for (String camera : CAMERAS) {
                commands.send(new ProducerRecord<>(
                                topics.calibration().name(),
                                null,
                                now,
                                camera,
                                CalibrationCommand.newBuilder()
                                        .setCommandId("m-" + UUID.randomUUID())
                                        .setCameraId(camera)
                                        .setAction(CalibrationAction.START)
                                        .setFrameCount(2)
                                        .setRequestedBy("it")
                                        .setTimestamp(Instant.ofEpochMilli(now))
                                        .build()))
                        .get();
            }
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < CAMERAS.size(); c++) {
                CameraSetup setup = CameraSetup.random(MaterialFamily.PAINTED, 50 + c);
                for (int i = 0; i < 3; i++) {
                    ByteArrayOutputStream png = new ByteArrayOutputStream();
                    ImageIO.write(generator.good(setup, i, 128).image(), "png", png);
                    long t = now + 100 + i;
                    sent.add(frames.send(new ProducerRecord<>(
                            topics.frames().name(),
                            null,
                            t,
                            CAMERAS.get(c),
                            CameraFrame.newBuilder()
                                    .setCameraId(CAMERAS.get(c))
                                    .setLineId("line-m")
                                    .setFrameId(CAMERAS.get(c) + "-" + i)
                                    .setCaptureTimestamp(Instant.ofEpochMilli(t))
                                    .setEncoding(ImageEncoding.PNG)
                                    .setWidth(128)
                                    .setHeight(128)
                                    .setImage(ByteBuffer.wrap(png.toByteArray()))
                                    .setProductId(null)
                                    .setAttributes(Map.of())
                                    .build())));
                }
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    private static boolean ready(String base) throws Exception {
        return HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/health/readiness"))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }

    private static Set<String> cameraIds(String base, String path) throws Exception {
        Set<String> out = new HashSet<>();
        HttpResponse<byte[]> r = get(base + path);
        if (r.statusCode() == 200) {
            for (JsonNode c : JSON.readTree(r.body()).path("cameras")) {
                out.add(c.path("cameraId").asText());
            }
        }
        return out;
    }

    private static HttpResponse<byte[]> get(String url) throws Exception {
        return get(url, TOKEN);
    }

    private static HttpResponse<byte[]> get(String url, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
