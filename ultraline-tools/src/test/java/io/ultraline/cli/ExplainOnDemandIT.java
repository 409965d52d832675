package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.stream.TestCameraFrames;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explain on demand against the real service (embedded broker and registry) in two-stage mode
 * {@code flagged}: an OK frame gets no explanation by itself; {@code ultraline explain-frame} asks
 * for one, and exactly one follows on line.explanations with reason ON_DEMAND under the frame's own
 * source; a frame the service no longer names is read back from line.frames by its place; an
 * unknown frame gets 404 and exit 2.
 */
class ExplainOnDemandIT {

    private static final String CAMERA = "cam-od";
    private static RunningService service;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService(Map.of("ultraline.pipeline.explanations.mode", "flagged"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void anOkFrameIsExplainedOnlyWhenAskedForAndOnce() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), RunningService.TOKEN);
        List<String> api = List.of("--service", service.baseUrl(), "--token-file", token.toString());
        RunningService.Run started = RunningService.cli(
                null,
                concat(List.of("calibration", "start", "--camera", CAMERA, "--frames", "4"), service.connection()));
        assertThat(started.code()).as(started.err()).isZero();
        RunningService.Reader<String, FrameVerdict> verdicts = service.reader(service.topics.verdicts());
        RunningService.Reader<String, ReferenceProfile> profiles = service.reader(service.topics.profiles());
        RunningService.Reader<String, FrameExplanation> explanations = service.reader(service.topics.explanations());
        for (int i = 0; i < 4; i++) {
            send("cal-" + i, TestCameraFrames.good(i));
        }
        await().atMost(RunningService.TIMEOUT)
                .until(() -> profiles.poll().stream()
                        .anyMatch(r ->
                                r.value() != null && r.value().getCameraId().equals(CAMERA)));

        send("ok", TestCameraFrames.good(20));
        FrameVerdict ok = verdict(verdicts, "ok");
        assertThat(ok.getStatus()).isEqualTo(VerdictStatus.OK);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> get("/api/cameras/" + CAMERA + "/frames/ok").statusCode() == 200);
        assertThat(explained(explanations, "ok"))
                .as("mode flagged explains no OK frame by itself")
                .isEmpty();

        RunningService.Run asked =
                RunningService.cli(null, concat(List.of("explain-frame", "--camera", CAMERA, "--frame", "ok"), api));
        assertThat(asked.code()).as(asked.err()).isZero();
        assertThat(asked.out()).contains("explanation of frame ok");
        await().atMost(RunningService.TIMEOUT)
                .until(() -> !explained(explanations, "ok").isEmpty());
        FrameExplanation e = explained(explanations, "ok").get(0);
        assertThat(e.getReason()).isEqualTo("ON_DEMAND");
        assertThat(e.getSource()).isEqualTo(ok.getSource());
        assertThat(e.getProfileVersion()).isEqualTo(ok.getProfileVersion());
        assertThat(e.getTargets()).hasSize(16);

        // by its place on line.frames, as for a frame the service no longer holds
        String place = "{\"partition\":" + ok.getSource().getPartition() + ",\"offset\":"
                + ok.getSource().getOffset() + "}";
        HttpResponse<String> byPlace = post("/api/cameras/" + CAMERA + "/frames/ok/explain", place);
        assertThat(byPlace.statusCode()).as(byPlace.body()).isEqualTo(202);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> explained(explanations, "ok").size() == 2);
        assertThat(post("/api/cameras/" + CAMERA + "/frames/other/explain", place)
                        .statusCode())
                .as("the place holds another frame")
                .isEqualTo(404);
        assertThat(post("/api/cameras/" + CAMERA + "/frames/ok/explain", "{\"partition\":-1,\"offset\":0}")
                        .statusCode())
                .isEqualTo(400);
        RunningService.Run unknown =
                RunningService.cli(null, concat(List.of("explain-frame", "--camera", CAMERA, "--frame", "nope"), api));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("404");
        assertThat(verdicts.poll().stream().filter(r -> r.value().getFrameId().equals("ok")))
                .as("still one verdict")
                .hasSize(1);
        assertThat(explained(explanations, "ok")).hasSize(2);
    }

    private void send(String frameId, BufferedImage image) throws Exception {
        Map<String, Object> config = new HashMap<>(service.kafka.clientConfig());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, CameraFrame> producer = new KafkaProducer<>(
                config,
                service.topics.frames().keySerde().serializer(),
                service.topics.frames().valueSerde().serializer())) {
            CameraFrame frame = TestCameraFrames.frame(CAMERA, frameId, image);
            frame.setCaptureTimestamp(Instant.now());
            producer.send(new ProducerRecord<>(service.topics.frames().name(), CAMERA, frame))
                    .get();
        }
    }

    /** Every explanation of the frame read so far (the reader keeps what it read). */
    private static List<FrameExplanation> explained(
            RunningService.Reader<String, FrameExplanation> reader, String frameId) {
        return reader.poll().stream()
                .map(ConsumerRecord::value)
                .filter(x -> x.getFrameId().equals(frameId))
                .toList();
    }

    private static FrameVerdict verdict(RunningService.Reader<String, FrameVerdict> verdicts, String frameId) {
        await().atMost(RunningService.TIMEOUT)
                .until(() -> verdicts.poll().stream()
                        .anyMatch(r -> r.value().getFrameId().equals(frameId)));
        return verdicts.poll().stream()
                .map(ConsumerRecord::value)
                .filter(v -> v.getFrameId().equals(frameId))
                .findFirst()
                .orElseThrow();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                        .header("Authorization", "Bearer " + RunningService.TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                        .header("Authorization", "Bearer " + RunningService.TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
