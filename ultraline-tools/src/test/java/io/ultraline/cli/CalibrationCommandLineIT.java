package io.ultraline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.stream.TestCameraFrames;
import io.ultraline.stream.TestModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration control against the real service: {@code ultraline calibration start}, frames from
 * {@code ultraline produce}, {@code calibration status} showing the progress from the service's
 * store, then the profile on line.profiles and in use; a profile built offline with {@code
 * calibrate} and sent with {@code profile push} scoring the next frame; and the commands through the
 * HTTP API, for the operator token only.
 */
class CalibrationCommandLineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
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
    void startThenStatusShowsProgressThenTheProfileIsBuiltAndUsed() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), RunningService.TOKEN);
        RunningService.Run started =
                RunningService.cli(null, with("calibration", "start", "--camera", "cam-cal", "--frames", "3"));
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out())
                .contains("START cal-")
                .contains("camera cam-cal")
                .contains("3 frames");

        produce("cam-cal", 0, 2);
        List<String> status = List.of(
                "calibration",
                "status",
                "--camera",
                "cam-cal",
                "--service",
                service.baseUrl(),
                "--token-file",
                token.toString());
        await().atMost(RunningService.TIMEOUT)
                .until(() -> RunningService.cli(null, status).out().contains("calibrating, 2 of 3 frames"));

        produce("cam-cal", 2, 2); // the third completes the calibration, the fourth is scored
        RunningService.Reader<String, ReferenceProfile> profiles = service.reader(service.topics.profiles());
        ReferenceProfile profile = profiles.await(1).stream()
                .map(ConsumerRecord::value)
                .filter(p -> p.getCameraId().equals("cam-cal"))
                .findFirst()
                .orElseThrow();
        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getFrameCount()).isEqualTo(3);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> RunningService.cli(null, status).out().contains("no calibration running; last verdict"));
        assertThat(RunningService.cli(null, status).out()).contains("profile version 1");
    }

    @Test
    void aProfileBuiltOfflineAndPushedScoresTheNextFrame() throws Exception {
        Path good = Files.createDirectories(dir.resolve("good"));
        for (int i = 0; i < 4; i++) {
            Files.write(
                    good.resolve(String.format("g%d.png", i)), TestCameraFrames.png(TestCameraFrames.good(200 + i)));
        }
        Path file = dir.resolve("cam-push.profile");
        RunningService.Run built = RunningService.cli(
                null,
                List.of(
                        "calibrate",
                        "--model",
                        TestModels.modelDir().toString(),
                        "--images",
                        good.toString(),
                        "--out",
                        file.toString()));
        assertThat(built.code()).as(built.err()).isZero();

        RunningService.Run pushed = RunningService.cli(
                null,
                with(
                        "profile",
                        "push",
                        file.toString(),
                        "--camera",
                        "cam-push",
                        "--model",
                        TestModels.modelDir().toString()));
        assertThat(pushed.code()).as(pushed.err()).isZero();
        assertThat(pushed.out()).contains("PUSH cal-").contains("camera cam-push");

        RunningService.Reader<String, ReferenceProfile> profiles = service.reader(service.topics.profiles());
        await().atMost(RunningService.TIMEOUT)
                .until(() -> profiles.poll().stream().anyMatch(r -> r.key().equals("cam-push")));
        ReferenceProfile profile = profiles.poll().stream()
                .filter(r -> r.key().equals("cam-push"))
                .map(ConsumerRecord::value)
                .findFirst()
                .orElseThrow();
        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getFrameCount()).isEqualTo(4);

        produce("cam-push", 0, 1);
        RunningService.Reader<String, FrameVerdict> verdicts = service.reader(service.topics.verdicts());
        await().atMost(RunningService.TIMEOUT)
                .until(() -> verdicts.poll().stream().anyMatch(r -> r.key().equals("cam-push")));
        FrameVerdict verdict = verdicts.poll().stream()
                .filter(r -> r.key().equals("cam-push"))
                .map(ConsumerRecord::value)
                .findFirst()
                .orElseThrow();
        assertThat(verdict.getStatus()).isIn(VerdictStatus.OK, VerdictStatus.DEFECT);
        assertThat(verdict.getProfileVersion()).isEqualTo(1L);
    }

    @Test
    void operatorsCalibrateThroughTheApiAndOthersCannot() throws Exception {
        String calibration = service.baseUrl() + "/api/cameras/cam-api/calibration";

        HttpResponse<String> start = post(calibration + "/start?frames=5", RunningService.TOKEN);
        HttpResponse<String> anonymous = post(calibration + "/start?frames=5", null);
        HttpResponse<String> unknown = post(calibration + "/jump", RunningService.TOKEN);
        HttpResponse<String> oneFrame = post(calibration + "/start?frames=1", RunningService.TOKEN);

        assertThat(start.statusCode()).as(start.body()).isEqualTo(202);
        assertThat(JSON.readTree(start.body()).path("commandId").asText()).startsWith("cal-");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("start, stop or reset");
        assertThat(oneFrame.statusCode()).isEqualTo(400);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> status(calibration).path("running").asBoolean());
        JsonNode running = status(calibration);
        assertThat(running.path("target").asInt()).isEqualTo(5);
        assertThat(running.path("collected").asInt()).isZero();

        assertThat(post(calibration + "/reset", RunningService.TOKEN).statusCode())
                .isEqualTo(202);
        await().atMost(RunningService.TIMEOUT)
                .until(() -> !status(calibration).path("running").asBoolean());
    }

    private JsonNode status(String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", "Bearer " + RunningService.TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code count} good frames of {@code camera} through {@code ultraline produce}. */
    private void produce(String camera, int first, int count) throws Exception {
        Path frames = Files.createDirectories(dir.resolve(camera + "-" + first));
        for (int i = first; i < first + count; i++) {
            Files.write(
                    frames.resolve(String.format("f%03d.png", i)),
                    TestCameraFrames.png(TestCameraFrames.good(100 + i)));
        }
        RunningService.Run run =
                RunningService.cli(null, with("produce", "--folder", frames.toString(), "--camera", camera));
        assertThat(run.code()).as(run.err()).isZero();
    }

    private static List<String> with(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(service.connection());
        return all;
    }
}
