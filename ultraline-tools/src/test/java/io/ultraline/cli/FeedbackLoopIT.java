package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.stream.TestCameraFrames;
import io.ultraline.stream.TestModels;
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
 * The operator's loop against the real service on the embedded broker and registry: a flagged
 * frame marked as a false alarm with {@code ultraline feedback} gives the camera a new profile
 * version, the same image sent again scores lower under it, and {@code ultraline audit} over the
 * range rebuilds that version bit for bit; a margin through the API is a version the audit
 * rebuilds too; the feedback is on line.feedback, listed by the API, counted in the precision
 * gauge and exported as an {@code evaluate} dataset; bad requests get 400 and exit 2; an alert
 * acknowledged with {@code ultraline feedback ack} shows who and when on /api/alerts.
 */
class FeedbackLoopIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMERA = "cam-fb";
    private static RunningService service;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        service = new RunningService();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aFalseAlarmTeachesTheProfileAndTheAuditReproducesTheNewVersion() throws Exception {
        long from = System.currentTimeMillis() - 1000;
        Path token = Files.writeString(dir.resolve("token"), RunningService.TOKEN);
        List<String> api = List.of("--service", service.baseUrl(), "--token-file", token.toString());
        RunningService.Run started =
                RunningService.cli(null, with("calibration", "start", "--camera", CAMERA, "--frames", "4"));
        assertThat(started.code()).as(started.err()).isZero();
        RunningService.Reader<String, FrameVerdict> verdicts = service.reader(service.topics.verdicts());
        RunningService.Reader<String, ReferenceProfile> profiles = service.reader(service.topics.profiles());
        for (int i = 0; i < 4; i++) {
            send("cal-" + i, TestCameraFrames.good(i));
        }
        await().atMost(RunningService.TIMEOUT).until(() -> profile(profiles, 1) != null);

        send("bad", TestCameraFrames.defective(99));
        FrameVerdict flagged = verdict(verdicts, "bad");
        assertThat(flagged.getStatus()).isEqualTo(VerdictStatus.DEFECT);
        String feedbackUrl = service.baseUrl() + "/api/cameras/" + CAMERA + "/frames/bad/feedback";
        await().atMost(RunningService.TIMEOUT)
                .until(() -> get("/api/cameras/" + CAMERA + "/frames/bad").statusCode() == 200);

        assertThat(post(feedbackUrl, "{\"kind\":\"MAYBE\"}").statusCode()).isEqualTo(400);
        assertThat(post(feedbackUrl, "{\"kind\":\"CONFIRMED_DEFECT\",\"defectType\":\"bubble\"}")
                        .body())
                .contains("defectType");
        assertThat(post(feedbackUrl, "not json").statusCode()).isEqualTo(400);
        assertThat(post(
                                service.baseUrl() + "/api/cameras/" + CAMERA + "/frames/nope/feedback",
                                "{\"kind\":\"FALSE_ALARM\"}")
                        .statusCode())
                .isEqualTo(404);
        RunningService.Run badCli = RunningService.cli(
                null, concat(List.of("feedback", "--camera", CAMERA, "--frame", "bad", "--confirmed", "bubble"), api));
        assertThat(badCli.code()).isEqualTo(2);
        assertThat(badCli.err()).contains("defectType");

        RunningService.Run marked = RunningService.cli(
                null,
                concat(
                        List.of("feedback", "--camera", CAMERA, "--frame", "bad", "--false-alarm", "--note", "glare"),
                        api));
        assertThat(marked.code()).as(marked.err()).isZero();
        assertThat(marked.out()).contains("FALSE_ALARM fb-");
        await().atMost(RunningService.TIMEOUT).until(() -> profile(profiles, 2) != null);
        ReferenceProfile taught = profile(profiles, 2);
        assertThat(taught.getChange()).isEqualTo(ProfileChange.NORMAL_EXAMPLE);
        assertThat(taught.getSource()).isEqualTo(flagged.getSource());

        send("bad-again", TestCameraFrames.defective(99));
        FrameVerdict replayed = verdict(verdicts, "bad-again");
        System.out.printf(
                "feedback IT: frame score %.6f under version 1, %.6f under version 2 (threshold %.6f)%n",
                flagged.getFrameScore(), replayed.getFrameScore(), flagged.getThreshold());
        assertThat(replayed.getProfileVersion()).isEqualTo(2L);
        assertThat(replayed.getFrameScore())
                .as("the same image under the taught profile")
                .isLessThan(flagged.getFrameScore());

        HttpResponse<String> margin =
                post(service.baseUrl() + "/api/cameras/" + CAMERA + "/calibration/margin?value=1.5", "");
        assertThat(margin.statusCode()).as(margin.body()).isEqualTo(202);
        assertThat(post(service.baseUrl() + "/api/cameras/" + CAMERA + "/calibration/margin?value=0", "")
                        .statusCode())
                .isEqualTo(400);
        await().atMost(RunningService.TIMEOUT).until(() -> profile(profiles, 3) != null);
        assertThat(profile(profiles, 3).getChange()).isEqualTo(ProfileChange.MARGIN);

        send("dent", TestCameraFrames.defective(7));
        verdict(verdicts, "dent");
        await().atMost(RunningService.TIMEOUT)
                .until(() -> get("/api/cameras/" + CAMERA + "/frames/dent").statusCode() == 200);
        HttpResponse<String> confirmed = post(
                service.baseUrl() + "/api/cameras/" + CAMERA + "/frames/dent/feedback",
                "{\"kind\":\"CONFIRMED_DEFECT\",\"defectType\":\"dent\"}");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        assertThat(JSON.readTree(confirmed.body()).path("operator").asText()).isEqualTo("operator");

        RunningService.Reader<String, OperatorFeedback> feedback = service.reader(service.topics.feedback());
        assertThat(feedback.await(2))
                .extracting(r -> r.value().getKind())
                .containsExactly(FeedbackKind.FALSE_ALARM, FeedbackKind.CONFIRMED_DEFECT);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> JSON.readTree(get("/api/cameras/" + CAMERA + "/feedback")
                                        .body())
                                .size()
                        == 2);
        JsonNode listed =
                JSON.readTree(get("/api/cameras/" + CAMERA + "/feedback").body());
        assertThat(listed.get(0).path("kind").asText()).as("newest first").isEqualTo("CONFIRMED_DEFECT");
        assertThat(get("/prometheus").body())
                .contains("ultraline_operator_confirmed_precision{camera=\"" + CAMERA + "\"} 0.5");

        Path report = dir.resolve("audit");
        RunningService.Run audit = RunningService.cli(
                null,
                with(
                        "audit",
                        "--from",
                        Long.toString(from),
                        "--to",
                        Long.toString(System.currentTimeMillis() + 1000),
                        "--camera",
                        CAMERA,
                        "--model",
                        TestModels.modelDir().toString(),
                        "--report",
                        report.toString()));
        JsonNode checked = JSON.readTree(report.resolve("report.json").toFile()).get("profiles");
        assertThat(checked).as(audit.out() + audit.err()).hasSize(3);
        assertThat(checked)
                .allSatisfy(p ->
                        assertThat(p.path("outcome").asText()).as(p.toString()).isEqualTo("REPRODUCED"));
        assertThat(audit.code()).as(audit.out() + audit.err()).isZero();

        Path dataset = dir.resolve("dataset");
        RunningService.Run exported =
                RunningService.cli(null, with("feedback", "export", "--camera", CAMERA, "--out", dataset.toString()));
        assertThat(exported.code()).as(exported.err()).isZero();
        LabelledDataset data = LabelledDataset.open(dataset);
        assertThat(data.calibration()).hasSize(1);
        assertThat(data.test())
                .singleElement()
                .satisfies(t -> assertThat(t.defective()).isTrue());

        // a defect burst opens an alert (5 of the last 20 frames); an operator acknowledges it
        for (int i = 0; i < 5; i++) {
            send("burst-" + i, TestCameraFrames.defective(300 + i));
        }
        await().atMost(RunningService.TIMEOUT)
                .until(() ->
                        JSON.readTree(get("/api/alerts").body()).path("alerts").size() == 1);
        JsonNode open = JSON.readTree(get("/api/alerts").body()).path("alerts").get(0);
        assertThat(open.has("acknowledgedAt")).isTrue();
        assertThat(open.get("acknowledgedAt").isNull()).isTrue();
        RunningService.Run acked = RunningService.cli(
                null,
                concat(
                        List.of(
                                "feedback",
                                "ack",
                                "--alert",
                                open.path("alertId").asText(),
                                "--note",
                                "checking the roller"),
                        api));
        assertThat(acked.code()).as(acked.err()).isZero();
        assertThat(post(service.baseUrl() + "/api/alerts/no-such-alert/ack", "").statusCode())
                .isEqualTo(404);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> !JSON.readTree(get("/api/alerts").body())
                        .path("alerts")
                        .get(0)
                        .get("acknowledgedAt")
                        .isNull());
        JsonNode acknowledged =
                JSON.readTree(get("/api/alerts").body()).path("alerts").get(0);
        assertThat(acknowledged.path("acknowledgedBy").asText()).isEqualTo("operator");
        assertThat(get("/prometheus").body()).contains("ultraline_alert_time_to_ack_seconds_count 1");
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

    private static ReferenceProfile profile(RunningService.Reader<String, ReferenceProfile> profiles, long version) {
        return profiles.poll().stream()
                .map(ConsumerRecord::value)
                .filter(p -> p != null && p.getCameraId().equals(CAMERA) && p.getVersion() == version)
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
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

    private static List<String> with(String... args) {
        return concat(List.of(args), service.connection());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
