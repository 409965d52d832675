package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.AlertScope;
import io.ultraline.serde.SerdeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Keeps topology-docs/topology.txt ({@code Topology#describe()}), topology.dot (Graphviz, derived
 * from the description) and topology.svg (rendered from the DOT) in step with the code. Regenerate
 * after a topology change with
 *
 * <pre>./mvnw -q test -Dtest=TopologyDocsTest -Dultraline.docs.update=true</pre>
 *
 * The SVG is rendered only where Graphviz's {@code dot} is installed ({@code apt-get install -y
 * graphviz}); it records the SHA-256 of the DOT it was rendered from, so its staleness is checked
 * everywhere, with or without Graphviz.
 */
class TopologyDocsTest {

    private static final Path DIR = Path.of("topology-docs");
    private static final Path TEXT = DIR.resolve("topology.txt");
    private static final Path DOT = DIR.resolve("topology.dot");
    private static final Path SVG = DIR.resolve("topology.svg");
    private static final String UPDATE = "ultraline.docs.update";
    private static final String REGENERATE =
            "regenerate with ./mvnw -q test -Dtest=TopologyDocsTest -D" + UPDATE + "=true";
    private static final Pattern SVG_SOURCE = Pattern.compile("<!-- source: topology.dot sha256=([0-9a-f]{64}) -->");

    /** The documented topology: every branch present, both alert scopes. */
    static Topology documentedTopology() {
        PipelineConfig config = PipelineConfig.defaults()
                .withAlertRules(List.of(
                        new AlertRule("camera-defect-rate", AlertScope.CAMERA, 20, Duration.ZERO, 5, 1),
                        new AlertRule("line-defect-rate", AlertScope.LINE, 50, Duration.ofMinutes(5), 10, 3)));
        PipelineTopics topics = PipelineTopics.avro(
                new InMemorySchemaRegistry(), Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "mem://docs"));
        return InspectionTopology.build(topics, TestModels.inspector(), Clock.systemUTC(), config);
    }

    @Test
    void committedTopologyDocsMatchTheCode() throws IOException, InterruptedException {
        TopologyDescription description = documentedTopology().describe();
        String text = description.toString();
        String dot = TopologyDot.render(description);
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(DIR);
            Files.writeString(TEXT, text, StandardCharsets.UTF_8);
            Files.writeString(DOT, dot, StandardCharsets.UTF_8);
            if (graphvizAvailable()) {
                Files.writeString(SVG, svg(dot), StandardCharsets.UTF_8);
            }
        }
        assertThat(TEXT).as("%s is stale; %s", TEXT, REGENERATE).hasContent(text);
        assertThat(DOT).as("%s is stale; %s", DOT, REGENERATE).hasContent(dot);
        if (Files.exists(SVG)) {
            Matcher source = SVG_SOURCE.matcher(Files.readString(SVG, StandardCharsets.UTF_8));
            assertThat(source.find())
                    .as("%s names the DOT it was rendered from", SVG)
                    .isTrue();
            assertThat(source.group(1))
                    .as("%s was rendered from another topology.dot; %s (needs Graphviz)", SVG, REGENERATE)
                    .isEqualTo(sha256(dot));
        }
    }

    @Test
    void everyNodeStoreAndInternalTopicHasAnExplicitName() {
        String text = documentedTopology().describe().toString();
        assertThat(text).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContain("STATE-STORE");
        for (String name : List.of(
                NodeNames.FRAMES_SOURCE,
                NodeNames.FRAMES_VALIDATE,
                NodeNames.CALIBRATION_SOURCE,
                NodeNames.CALIBRATION_VALIDATE,
                NodeNames.INFERENCE_INPUT,
                NodeNames.INFERENCE,
                NodeNames.CAMERA_ALERTS,
                NodeNames.LINE_ALERTS,
                NodeNames.BUFFER_STORE,
                NodeNames.PROFILES_STORE,
                NodeNames.CALIBRATION_STORE,
                NodeNames.CALIBRATION_TOKENS_STORE,
                NodeNames.CAMERA_ALERTS_STORE,
                NodeNames.LINE_ALERTS_STORE,
                NodeNames.VERDICTS_BY_LINE + "-repartition",
                NodeNames.sink(NodeNames.VERDICTS),
                NodeNames.sink(NodeNames.DEAD_LETTERS))) {
            assertThat(text).contains(name);
        }
        for (String topic : Topics.pipeline()) {
            assertThat(text).as("topology reads or writes %s", topic).contains(topic);
        }
    }

    private static boolean graphvizAvailable() {
        try {
            Process p =
                    new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String svg(String dot) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dot", "-Tsvg").start();
        p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String svg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(
                    "dot -Tsvg failed: " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        int afterHeader = svg.startsWith("<?xml") ? svg.indexOf("?>") + 2 : 0;
        return svg.substring(0, afterHeader) + "\n<!-- source: topology.dot sha256=" + sha256(dot) + " -->"
                + svg.substring(afterHeader);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
