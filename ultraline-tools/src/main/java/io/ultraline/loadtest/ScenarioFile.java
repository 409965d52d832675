package io.ultraline.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link Scenario} from YAML. Durations are {@code 500ms}, {@code 20s}, {@code 2m} or
 * ISO-8601 ({@code PT20S}). Unknown keys are rejected, so a typo does not silently keep a default.
 *
 * <pre>
 * name: one-instance            # required
 * cameras: 4
 * fpsPerCamera: 5               # offered rate = cameras * fpsPerCamera
 * frames: {size: 128, encoding: PNG, defectRate: 0.1, pool: 32}
 * duration: 60s                 # warm-up included
 * warmUp: 10s
 * calibrationFrames: 16
 * batch: {size: 8, maxWait: 100ms}
 * instances: 2
 * partitions: 4
 * modelThreads: 0
 * heap: 1g
 * model: models/line-vit
 * drainTimeout: 90s
 * sessionTimeout: 10s           # optional: ULTRALINE_SESSION_TIMEOUT_MS of the instances
 * explain: {mode: sampled, sampleEvery: 20, targets: 16, strategy: anomalous, nearThreshold: 0.1}
 *                               # optional: ULTRALINE_EXPLAIN and its settings, else the service's
 * kill: {at: 30s, instance: 1}  # optional
 * search: {from: 8, step: 4, to: 60, stepDuration: 15s, maxP99: 3s,
 *          followUp: {fraction: 0.7, duration: 30s}}   # optional
 * kafka: {bootstrapServers: host:9092, schemaRegistryUrl: http://host:8081}  # optional, else embedded
 * </pre>
 */
public final class ScenarioFile {

    private static final Set<String> TOP = Set.of(
            "name",
            "cameras",
            "fpsPerCamera",
            "frames",
            "duration",
            "warmUp",
            "calibrationFrames",
            "batch",
            "instances",
            "partitions",
            "modelThreads",
            "heap",
            "model",
            "drainTimeout",
            "sessionTimeout",
            "explain",
            "kill",
            "search",
            "kafka");
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

    private ScenarioFile() {}

    public static Scenario read(Path file) throws IOException {
        try {
            return parse(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scenario " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses YAML text; relative model paths stay relative (to the working directory). */
    public static Scenario parse(String yaml) throws IOException {
        JsonNode root = new YAMLMapper().readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a scenario is a YAML mapping");
        }
        Node n = new Node(root, "", TOP);
        Node frames = n.child("frames", Set.of("size", "encoding", "defectRate", "pool"));
        Node batch = n.child("batch", Set.of("size", "maxWait"));
        Optional<Scenario.Search> search = n.optionalChild(
                        "search", Set.of("from", "step", "to", "stepDuration", "maxP99", "followUp"))
                .map(s -> {
                    Node follow = s.child("followUp", Set.of("fraction", "duration"));
                    return new Scenario.Search(
                            s.number("from", -1),
                            s.number("step", -1),
                            s.number("to", -1),
                            s.duration("stepDuration", Duration.ofSeconds(15)),
                            s.duration("maxP99", Duration.ofSeconds(3)),
                            follow.number("fraction", 0.7),
                            follow.duration("duration", Duration.ofSeconds(30)));
                });
        Optional<ExplainConfig> explain = n.optionalChild(
                        "explain", Set.of("mode", "sampleEvery", "targets", "strategy", "nearThreshold"))
                .map(ScenarioFile::explain);
        Optional<Scenario.Kill> kill = n.optionalChild("kill", Set.of("at", "instance"))
                .map(k -> new Scenario.Kill(k.duration("at", null), (int) k.number("instance", 0)));
        Optional<Scenario.External> external = n.optionalChild("kafka", Set.of("bootstrapServers", "schemaRegistryUrl"))
                .map(k -> new Scenario.External(k.text("bootstrapServers", null), k.text("schemaRegistryUrl", null)));
        String name = n.text("name", null);
        if (name == null) {
            throw new IllegalArgumentException("name is required");
        }
        int instances = n.integer("instances", 1);
        return new Scenario(
                name,
                n.integer("cameras", 4),
                n.number("fpsPerCamera", search.isPresent() ? 0 : -1),
                new Scenario.Frames(
                        frames.integer("size", 128),
                        encoding(frames.text("encoding", "PNG")),
                        frames.number("defectRate", 0.1),
                        frames.integer("pool", 32)),
                n.duration("duration", search.isPresent() ? Duration.ZERO : null),
                n.duration("warmUp", Duration.ofSeconds(5)),
                n.integer("calibrationFrames", 16),
                batch.integer("size", 8),
                batch.duration("maxWait", Duration.ofMillis(100)),
                instances,
                n.integer("partitions", Math.max(instances, 4)),
                n.integer("modelThreads", 0),
                n.text("heap", "1g"),
                Path.of(n.text("model", "models/line-vit")),
                n.duration("drainTimeout", Duration.ofSeconds(90)),
                json(root, "sessionTimeout") ? Optional.of(n.duration("sessionTimeout", null)) : Optional.empty(),
                explain,
                kill,
                search,
                external);
    }

    /** The service's defaults ({@link ExplainConfig#of}) for every key the block leaves out. */
    private static ExplainConfig explain(Node e) {
        String mode = e.text("mode", null);
        if (mode == null) {
            throw new IllegalArgumentException("explain.mode is required (all, sampled, flagged or none)");
        }
        ExplainConfig d = ExplainConfig.of(ExplanationsMode.parse(mode));
        return new ExplainConfig(
                d.mode(),
                e.integer("sampleEvery", d.sampleEvery()),
                e.integer("targets", d.targets()),
                e.text("strategy", d.strategy()),
                e.number("nearThreshold", d.nearThreshold()));
    }

    private static boolean json(JsonNode root, String key) {
        return root.hasNonNull(key);
    }

    private static ImageEncoding encoding(String text) {
        try {
            return ImageEncoding.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("frames.encoding must be PNG, JPEG or RGB8, got " + text);
        }
    }

    /** {@code 500ms}, {@code 20s}, {@code 1.5m}, {@code 1h} or ISO-8601. */
    static Duration duration(String text, String key) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            double ms = switch (m.group(2)) {
                case "ms" -> v;
                case "s" -> v * 1e3;
                case "m" -> v * 60e3;
                default -> v * 3600e3;
            };
            return Duration.ofMillis(Math.round(ms));
        }
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": not a duration (500ms, 20s, 2m or PT20S): " + text);
        }
    }

    /** A mapping in the file, with the dotted path of its keys for messages. */
    private record Node(JsonNode json, String path, Set<String> allowed) {

        Node {
            List<String> unknown = new ArrayList<>();
            for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    unknown.add(path + key);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown key(s) " + unknown + "; known here: " + allowed);
            }
        }

        Node child(String key, Set<String> keys) {
            return optionalChild(key, keys).orElseGet(() -> new Node(new ObjectNode(null), path + key + ".", keys));
        }

        Optional<Node> optionalChild(String key, Set<String> keys) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isObject()) {
                throw new IllegalArgumentException(path + key + " must be a mapping");
            }
            return Optional.of(new Node(v, path + key + ".", keys));
        }

        String text(String key, String fallback) {
            JsonNode v = json.get(key);
            return v == null || v.isNull() ? fallback : v.asText();
        }

        double number(String key, double fallback) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw new IllegalArgumentException(path + key + " must be a number, got " + v.asText());
            }
            return v.asDouble();
        }

        int integer(String key, int fallback) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber()) {
                throw new IllegalArgumentException(path + key + " must be a whole number, got " + v.asText());
            }
            return v.asInt();
        }

        Duration duration(String key, Duration fallback) {
            JsonNode v = json.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw new IllegalArgumentException(path + key + " is required");
                }
                return fallback;
            }
            return ScenarioFile.duration(v.asText(), path + key);
        }
    }
}
