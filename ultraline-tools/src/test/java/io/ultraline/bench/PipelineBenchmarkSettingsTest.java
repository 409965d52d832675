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
        return new PipelineBenchmark.Settings(
                Path.of("models/line-vit"),
                4,
                8,
                Duration.ofMillis(100),
                Duration.ofSeconds(15),
                16,
                0.7,
                0,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                1,
                0,
                0.05,
                new ExplainConfig(ExplanationsMode.parse("sampled"), 20, 16, "anomalous", 0.1),
                true,
                batches);
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
}
