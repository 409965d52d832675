package io.ultraline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.control.CalibrationRequest;
import io.ultraline.control.CalibrationSender;
import io.ultraline.control.ProfileChanges;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.Topic;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ultraline calibration start|stop|reset|status}: a camera's calibration from the command line. */
@Command(
        name = "calibration",
        description = "Start, stop or reset a camera's calibration, or show its progress.",
        subcommands = {
            CalibrationCommandLine.Start.class,
            CalibrationCommandLine.Stop.class,
            CalibrationCommandLine.Reset.class,
            CalibrationCommandLine.Margin.class,
            CalibrationCommandLine.Status.class
        })
final class CalibrationCommandLine {

    /** start, stop and reset: one command to line.calibration. */
    abstract static class Send implements Callable<Integer> {
        @Mixin
        KafkaConnectionOptions connection;

        @Option(names = "--camera", required = true, description = "camera id")
        String camera;

        @Option(names = "--product", description = "product id (default: any product)")
        String product;

        @Option(
                names = "--requested-by",
                defaultValue = "${sys:user.name}",
                description = "who asks, for the audit trail (default: the user name)")
        String requestedBy;

        abstract CalibrationAction action();

        int frames() {
            return 0;
        }

        @Override
        public Integer call() throws IOException {
            CalibrationRequest request = new CalibrationRequest(action(), camera, product, frames(), requestedBy);
            Topic<String, CalibrationCommand> topic = PipelineTopics.avro(connection.serdeConfig())
                    .withPrefix(connection.topicPrefix)
                    .calibration();
            try (CalibrationSender sender = CalibrationSender.create(
                    connection.clientConfig(),
                    topic.keySerde().serializer(),
                    topic.valueSerde().serializer(),
                    topic.name())) {
                CalibrationSender.Sent sent = sender.send(request);
                System.out.printf(
                        "%s %s sent for camera %s%s%s (%s partition %d offset %d)%n",
                        action(),
                        sent.command().getCommandId(),
                        camera,
                        product == null ? "" : " product " + product,
                        action() == CalibrationAction.START
                                ? ", " + (frames() == 0 ? "the default" : frames()) + " frames"
                                : "",
                        topic.name(),
                        sent.partition(),
                        sent.offset());
            }
            return 0;
        }
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = {
                "The camera's next --frames frames become its reference profile: show it good parts only.",
                "Writes a START CalibrationCommand to line.calibration (key = camera id), waits for Kafka's ack."
            })
    static final class Start extends Send {
        @Option(
                names = "--frames",
                defaultValue = "0",
                description = "frames to calibrate on (default: the service's, 50)")
        int frames;

        @Override
        CalibrationAction action() {
            return CalibrationAction.START;
        }

        @Override
        int frames() {
            return frames;
        }
    }

    @Command(
            name = "stop",
            mixinStandardHelpOptions = true,
            description = "Build the camera's profile now from the frames collected so far (at least 2).")
    static final class Stop extends Send {
        @Override
        CalibrationAction action() {
            return CalibrationAction.STOP;
        }
    }

    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Delete the camera's profile: its frames are UNCALIBRATED until it is calibrated again.")
    static final class Reset extends Send {
        @Override
        CalibrationAction action() {
            return CalibrationAction.RESET;
        }
    }

    /** margin: a versioned threshold change, one MARGIN command to line.calibration. */
    @Command(
            name = "margin",
            mixinStandardHelpOptions = true,
            description = {
                "Give the camera's profile a new version whose threshold is its calibrated threshold times "
                        + "--value (1.0 = as calibrated; replaces an earlier margin).",
                "Writes a MARGIN CalibrationCommand to line.calibration, waits for Kafka's ack; the version is "
                        + "on line.profiles, so audits replay it exactly."
            })
    static final class Margin implements Callable<Integer> {
        @Mixin
        KafkaConnectionOptions connection;

        @Option(names = "--camera", required = true, description = "camera id")
        String camera;

        @Option(names = "--product", description = "product id (default: the camera's profile for any product)")
        String product;

        @Option(names = "--value", required = true, description = "factor on the calibrated threshold, in (0, 10]")
        float value;

        @Option(
                names = "--requested-by",
                defaultValue = "${sys:user.name}",
                description = "who asks, for the audit trail (default: the user name)")
        String requestedBy;

        @Override
        public Integer call() throws IOException {
            CalibrationCommand command;
            try {
                command = ProfileChanges.margin(camera, product, value, requestedBy, java.time.Instant.now());
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            Topic<String, CalibrationCommand> topic = PipelineTopics.avro(connection.serdeConfig())
                    .withPrefix(connection.topicPrefix)
                    .calibration();
            try (CalibrationSender sender = CalibrationSender.create(
                    connection.clientConfig(),
                    topic.keySerde().serializer(),
                    topic.valueSerde().serializer(),
                    topic.name())) {
                CalibrationSender.Sent sent = sender.send(command);
                System.out.printf(
                        "MARGIN %s sent for camera %s: threshold = calibrated x %s (%s partition %d " + "offset %d)%n",
                        command.getCommandId(), camera, value, topic.name(), sent.partition(), sent.offset());
            }
            return 0;
        }
    }

    /** status: asks the service, which holds the progress in its state store. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Show a camera's calibration: frames collected of the target, or the profile version in use.",
                "Asks the service's HTTP API (the progress lives in its state store)."
            })
    static final class Status implements Callable<Integer> {
        @Option(names = "--camera", required = true, description = "camera id")
        String camera;

        @Option(names = "--product", description = "product id")
        String product;

        @Option(
                names = "--service",
                defaultValue = "http://127.0.0.1:8080",
                description = "the service's base URL (default ${DEFAULT-VALUE})")
        URI service;

        @Option(
                names = "--token-file",
                description = "file holding the API token (default: env ULTRALINE_API_TOKEN; neither: no token)")
        Path tokenFile;

        @Override
        public Integer call() throws Exception {
            String path =
                    "api/cameras/" + enc(camera) + "/calibration" + (product == null ? "" : "?product=" + enc(product));
            String base = service.toString().endsWith("/") ? service.toString() : service + "/";
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            String token = token();
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("error: " + service + " answered HTTP " + r.statusCode() + ": "
                        + r.body().strip());
                return 2;
            }
            System.out.println(describe(new ObjectMapper().readTree(r.body())));
            return 0;
        }

        /** One line an operator reads. */
        static String describe(JsonNode s) {
            StringBuilder out = new StringBuilder("camera " + s.path("cameraId").asText());
            if (!s.path("productId").isNull() && s.has("productId")) {
                out.append(" product ").append(s.path("productId").asText());
            }
            if (s.path("running").asBoolean()) {
                out.append(s.path("building").asBoolean() ? ": building its profile from " : ": calibrating, ")
                        .append(s.path("collected").asInt())
                        .append(" of ")
                        .append(s.path("target").asInt())
                        .append(" frames (")
                        .append(s.path("commandId").asText())
                        .append(")");
            } else {
                out.append(": no calibration running");
            }
            if (s.has("lastStatus")) {
                out.append("; last verdict ").append(s.path("lastStatus").asText());
                if (!s.path("profileVersion").isNull()) {
                    out.append(", profile version ")
                            .append(s.path("profileVersion").asLong())
                            .append(", threshold ")
                            .append(s.path("threshold").asDouble());
                }
            } else {
                out.append("; no verdict yet");
            }
            return out.toString();
        }

        private String token() throws IOException {
            if (tokenFile != null) {
                return Files.readString(tokenFile).strip();
            }
            String env = System.getenv("ULTRALINE_API_TOKEN");
            return env == null || env.isBlank() ? null : env.strip();
        }

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
