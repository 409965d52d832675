package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioFileTest {

    @Test
    void readsEveryField() throws Exception {
        Scenario s = ScenarioFile.parse("""
                name: kill-one
                cameras: 8
                fpsPerCamera: 2.5
                frames: {size: 96, encoding: jpeg, defectRate: 0.2, pool: 12}
                duration: 90s
                warmUp: 10s
                calibrationFrames: 12
                batch: {size: 4, maxWait: 250ms}
                instances: 2
                partitions: 6
                modelThreads: 1
                heap: 768m
                model: models/line-vit
                drainTimeout: PT45S
                sessionTimeout: 10s
                explain: {mode: sampled, sampleEvery: 10, targets: 8, strategy: representatives, nearThreshold: 0.2}
                kill: {at: 30s, instance: 1}
                kafka: {bootstrapServers: "127.0.0.1:9092", schemaRegistryUrl: "http://127.0.0.1:8081"}
                """);
        assertThat(s.name()).isEqualTo("kill-one");
        assertThat(s.offeredFps()).isEqualTo(20.0);
        assertThat(s.frames()).isEqualTo(new Scenario.Frames(96, ImageEncoding.JPEG, 0.2, 12));
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.warmUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.batchSize()).isEqualTo(4);
        assertThat(s.batchMaxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.instances()).isEqualTo(2);
        assertThat(s.partitions()).isEqualTo(6);
        assertThat(s.modelThreads()).isEqualTo(1);
        assertThat(s.heap()).isEqualTo("768m");
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.sessionTimeout()).contains(Duration.ofSeconds(10));
        assertThat(s.explain()).contains(new ExplainConfig(ExplanationsMode.SAMPLED, 10, 8, "representatives", 0.2));
        assertThat(s.kill()).contains(new Scenario.Kill(Duration.ofSeconds(30), 1));
        assertThat(s.external()).contains(new Scenario.External("127.0.0.1:9092", "http://127.0.0.1:8081"));
        assertThat(s.search()).isEmpty();
    }

    @Test
    void appliesDefaults() throws Exception {
        Scenario s = ScenarioFile.parse("name: tiny\nfpsPerCamera: 1\nduration: 20s\n");
        assertThat(s.cameras()).isEqualTo(4);
        assertThat(s.frames()).isEqualTo(new Scenario.Frames(128, ImageEncoding.PNG, 0.1, 32));
        assertThat(s.instances()).isEqualTo(1);
        assertThat(s.partitions()).isEqualTo(4);
        assertThat(s.batchSize()).isEqualTo(8);
        assertThat(s.batchMaxWait()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.modelDir()).isEqualTo(Path.of("models/line-vit"));
        assertThat(s.kill()).isEmpty();
        assertThat(s.external()).isEmpty();
        assertThat(s.sessionTimeout()).as("the service's default").isEmpty();
        assertThat(s.explain()).as("the service's default").isEmpty();
    }

    @Test
    void anExplainBlockNeedsAModeAndTakesTheServiceDefaultsForTheRest() throws Exception {
        Scenario s = ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nexplain: {mode: flagged}\n");
        assertThat(s.explain()).contains(ExplainConfig.of(ExplanationsMode.FLAGGED));
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nexplain: {targets: 8}\n"))
                .hasMessageContaining("explain.mode is required");
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nexplain: {mode: some}\n"))
                .hasMessageContaining("sampled");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "name: x\nfpsPerCamera: 1\nduration: 20s\nexplain: {mode: all, target: 8}\n"))
                .hasMessageContaining("explain.target");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "name: x\nfpsPerCamera: 1\nduration: 20s\nexplain: {mode: sampled, sampleEvery: 0}\n"))
                .hasMessageContaining("sample-every");
    }

    @Test
    void readsASearch() throws Exception {
        Scenario s = ScenarioFile.parse("""
                name: search-1
                search: {from: 8, step: 4, to: 40, stepDuration: 12s, maxP99: 2s, followUp: {fraction: 0.7, duration: 1m}}
                """);
        assertThat(s.search())
                .contains(new Scenario.Search(
                        8, 4, 40, Duration.ofSeconds(12), Duration.ofSeconds(2), 0.7, Duration.ofMinutes(1)));
    }

    @Test
    void parsesDurations() {
        assertThat(ScenarioFile.duration("500ms", "k")).isEqualTo(Duration.ofMillis(500));
        assertThat(ScenarioFile.duration("1.5s", "k")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ScenarioFile.duration("2m", "k")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ScenarioFile.duration("PT3S", "k")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> ScenarioFile.duration("soon", "warmUp")).hasMessageContaining("warmUp");
    }

    @Test
    void rejectsTyposAndBadValuesByName() {
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\ncamera: 3\n"))
                .hasMessageContaining("unknown key")
                .hasMessageContaining("camera");
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nbatch: {sise: 3}\n"))
                .hasMessageContaining("batch.sise");
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\n"))
                .hasMessageContaining("duration is required");
        assertThatThrownBy(() -> ScenarioFile.parse("fpsPerCamera: 1\nduration: 5s\n"))
                .hasMessageContaining("name is required");
        assertThatThrownBy(() ->
                        ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nframes: {encoding: GRAY8}\n"))
                .hasMessageContaining("frames.encoding");
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\ncameras: two\n"))
                .hasMessageContaining("cameras must be a whole number");
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nwarmUp: 20s\n"))
                .hasMessageContaining("warmUp");
    }

    @Test
    void aKillNeedsAnotherInstanceAndATimeInsideTheRun() {
        assertThatThrownBy(() -> ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\nkill: {at: 2s}\n"))
                .hasMessageContaining("at least 2 instances");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "name: x\nfpsPerCamera: 1\nduration: 20s\ninstances: 2\nkill: {at: 29s, instance: 0}\n"))
                .hasMessageContaining("kill.at");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "name: x\nfpsPerCamera: 1\nduration: 20s\ninstances: 2\nkill: {at: 2s, instance: 2}\n"))
                .hasMessageContaining("kill.instance");
        assertThatThrownBy(() ->
                        ScenarioFile.parse("name: x\nfpsPerCamera: 1\nduration: 20s\ninstances: 3\npartitions: 2\n"))
                .hasMessageContaining("partitions");
    }

    @Test
    void everyShippedScenarioParses() throws Exception {
        Path dir = Path.of("load-test", "scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".yaml"))
                            .peek(f -> {
                                try {
                                    ScenarioFile.read(f);
                                } catch (Exception e) {
                                    throw new AssertionError(f + ": " + e.getMessage(), e);
                                }
                            })
                            .count())
                    .isGreaterThanOrEqualTo(3);
        }
    }
}
