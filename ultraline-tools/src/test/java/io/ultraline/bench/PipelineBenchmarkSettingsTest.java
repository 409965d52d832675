package io.ultraline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineBenchmarkSettingsTest {

    private static PipelineBenchmark.Settings withWindow(int batches) {
        return settings(batches, true);
    }

    private static PipelineBenchmark.Settings settings(int batches, boolean modelAlone) {
        return settings(batches, modelAlone, 0);
    }

    private static PipelineBenchmark.Settings settings(int batches, boolean modelAlone, double openLoopFps) {
        return new PipelineBenchmark.Settings(
                Path.of("models/line-vit"),
                4,
                8,
                Duration.ofMillis(100),
                Duration.ofSeconds(15),
                16,
                0.7,
                openLoopFps,
                0,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                1,
                0,
                0.05,
                new ExplainConfig(ExplanationsMode.parse("sampled"), 20, 16, "anomalous", 0.1),
                true,
                batches,
                modelAlone,
                1);
    }

    @Test
    void theClosedLoopWindowIsKeptAndMustHoldABatch() {
        assertThat(withWindow(16).windowBatches()).isEqualTo(16);
        assertThat(withWindow(PipelineBenchmark.DEFAULT_WINDOW_BATCHES).windowBatches())
                .isEqualTo(6);
        assertThatThrownBy(() -> withWindow(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("closed-loop window must be at least 1 batch, got 0");
    }

    @Test
    void withoutTheModelAloneTheReportSaysSoAndKeepsTheTokensOnlyRatio() {
        PipelineBenchmark.Figures f = new PipelineBenchmark.Figures(
                settings(6, false),
                Double.NaN,
                Double.NaN,
                4.0,
                2.8,
                2.8,
                500,
                900,
                1000,
                84,
                480,
                520,
                0,
                120,
                1.1,
                1.2,
                8.0,
                8.0,
                9);
        assertThat(f.format())
                .contains("model alone (FrameInspector.inspect, scored): not measured (--no-model-alone)")
                .contains("pipeline / model: -\n")
                .contains("pipeline / tokens only: 50.0 %")
                .doesNotContain("NaN");
        PipelineBenchmark.Figures measured = new PipelineBenchmark.Figures(
                settings(6, true), 10, 6, 4.0, 2.8, 2.8, 500, 900, 1000, 84, 480, 520, 0, 120, 1.1, 1.2, 8.0, 8.0, 9);
        assertThat(measured.format())
                .contains("     8.0 frames/s (10.0 before, 6.0 after the pipeline)")
                .contains("pipeline / model: 50.0 % (target >= 85 %)")
                .contains("open loop at 2.8 frames/s (70 % of sustained): 2.8 frames/s delivered")
                .contains("first / last quarter of the run: 480 / 520 ms")
                .contains("raw-pixel channel on; zoom none");
    }

    @Test
    void aFixedOpenLoopRateReplacesTheFraction() {
        assertThat(settings(6, true).openLoopTarget(130)).isEqualTo(0.7 * 130);
        assertThat(settings(6, true, 150).openLoopTarget(130)).isEqualTo(150);
        PipelineBenchmark.Figures f = new PipelineBenchmark.Figures(
                settings(6, true, 150),
                10,
                6,
                130,
                150,
                149.2,
                300,
                600,
                700,
                2250,
                290,
                310,
                12,
                2238,
                1.1,
                1.2,
                900,
                900,
                230);
        assertThat(f.format())
                .contains("open loop at 150.0 frames/s (fixed by --open-loop-fps): 149.2 frames/s delivered");
        assertThatThrownBy(() -> settings(6, true, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open-loop rate must be finite and >= 0 frames/s");
        assertThatThrownBy(() -> settings(6, true, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
