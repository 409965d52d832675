package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.NodeNames;
import io.ultraline.stream.PipelineTopics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The live view on a real broker: raw frames get overlays, and when a second instance joins and
 * takes partitions, the first drops the cameras of those partitions and their metric series.
 */
class LiveViewRebalanceIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CAMERAS = 12;
    private static final int SIDE = 64;

    @Test
    void rawFramesGetOverlaysAndRevokedCamerasLeaveTheLiveView() throws Exception {
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.shared();
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
            String prefix = "live-" + UUID.randomUUID().toString().substring(0, 8) + ".";
            PipelineTopics topics = PipelineTopics.avro(
                            Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registry.confluentApiUrl()))
                    .withPrefix(prefix);
            for (String t : topics.names()) {
                kafka.createTopic(t, 4);
            }
            List<String> cameras = new ArrayList<>();
            for (int c = 0; c < CAMERAS; c++) {
                cameras.add("live-cam-" + c);
            }
            int portA = freePort();
            int portB = freePort();
            try (ApplicationContext a = UltralineApplication.start(settings(kafka, registry, prefix, portA))) {
                String baseA = "http://127.0.0.1:" + portA;
                await().atMost(Duration.ofMinutes(2)).until(() -> ready(baseA));
                send(kafka, topics, cameras);
                RecentFrames recentA = a.getBean(RecentFrames.class);
                assertThat(a.getBean(RecentFramesConfig.class))
                        .as("bound from the properties")
                        .isEqualTo(new RecentFramesConfig(50, 64_000_000L));
                await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> cameras.stream()
                                .allMatch(c -> recentA.latestWithVerdict(c).isPresent()));

                HttpResponse<byte[]> overlay = HTTP.send(
                        HttpRequest.newBuilder(URI.create(
                                        baseA + "/api/cameras/" + cameras.get(0) + "/overlay.png?local=true"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(overlay.statusCode()).as("raw GRAY8 frame overlay").isEqualTo(200);
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(overlay.body()));
                assertThat(png.getWidth()).isEqualTo(SIDE * 6);
                MeterRegistry metersA = a.getBean(MeterRegistry.class);
                assertThat(camerasWithSeries(metersA)).containsAll(cameras);

                try (ApplicationContext b = UltralineApplication.start(settings(kafka, registry, prefix, portB))) {
                    String baseB = "http://127.0.0.1:" + portB;
                    await().atMost(Duration.ofMinutes(2)).until(() -> ready(baseB) && ready(baseA));
                    await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> recentA.cameras().size() < CAMERAS);
                    HostInfo hostB = new HostInfo("127.0.0.1", portB);
                    var queries = a.getBean(PipelineService.class).queries();
                    // a cooperative rebalance may take two rounds: judge once ownership has settled
                    await().atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofMillis(500))
                            .untilAsserted(() -> {
                                Set<String> dropped = new HashSet<>(cameras);
                                dropped.removeAll(recentA.cameras());
                                for (String camera : cameras) {
                                    HostInfo owner = queries.ownerOf(camera, NodeNames.LATEST_VERDICTS_STORE)
                                            .orElseThrow();
                                    assertThat(owner.equals(hostB))
                                            .as(camera + " owned by " + owner + ", dropped by A")
                                            .isEqualTo(dropped.contains(camera));
                                }
                                assertThat(camerasWithSeries(metersA))
                                        .doesNotContainAnyElementsOf(dropped)
                                        .containsAll(recentA.cameras());
                            });
                }
            }
        }
    }

    private static Set<String> camerasWithSeries(MeterRegistry registry) {
        Set<String> out = new HashSet<>();
        for (Meter m : registry.getMeters()) {
            String camera = m.getId().getTag("camera");
            if (camera != null) {
                out.add(camera);
            }
        }
        return out;
    }

    private static Map<String, Object> settings(
            EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, String prefix, int port) throws Exception {
        Map<String, Object> p = InstanceSettings.of(kafka, registry, prefix, port);
        p.put("ultraline.security.enabled", false);
        p.put("ultraline.recent-frames.max-cameras", "50");
        p.put("ultraline.recent-frames.max-bytes", "64000000");
        return p;
    }

    /** Two raw GRAY8 frames a camera. */
    private static void send(EmbeddedKafka kafka, PipelineTopics topics, List<String> cameras) throws Exception {
        Random random = new Random(5);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, CameraFrame> frames = new KafkaProducer<>(
                kafka.clientConfig(),
                topics.frames().keySerde().serializer(),
                topics.frames().valueSerde().serializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (String camera : cameras) {
                for (int i = 0; i < 2; i++) {
                    byte[] pixels = new byte[SIDE * SIDE];
                    random.nextBytes(pixels);
                    long t = now + i;
                    sent.add(frames.send(new ProducerRecord<>(
                            topics.frames().name(),
                            null,
                            t,
                            camera,
                            CameraFrame.newBuilder()
                                    .setCameraId(camera)
                                    .setLineId("line-l")
                                    .setFrameId(camera + "-" + i)
                                    .setCaptureTimestamp(Instant.ofEpochMilli(t))
                                    .setEncoding(ImageEncoding.GRAY8)
                                    .setWidth(SIDE)
                                    .setHeight(SIDE)
                                    .setImage(ByteBuffer.wrap(pixels))
                                    .setProductId(null)
                                    .setAttributes(Map.of())
                                    .build())));
                }
            }
            for (Future<?> f : sent) {
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

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
