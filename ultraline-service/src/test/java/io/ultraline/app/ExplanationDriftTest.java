package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.Heatmap;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The concept-count and token-score drift signals, from explanation records. */
class ExplanationDriftTest {

    /** A 1 x 4 explanation with {@code concepts} concepts and token scores 0, 2, 4, 6 (q 0, 85, 170, 255). */
    private static FrameExplanation explained(String camera, int concepts, Float threshold) {
        Heatmap scores = new Heatmap(1, 4, 0f, 6f, ByteBuffer.wrap(new byte[] {0, 85, (byte) 170, (byte) 255}));
        FrameExplanation e = LiveRecords.explanation(camera, "f", 1, 4, List.of(0, 0, 1, 1));
        e.setConceptCount(concepts);
        e.setTokenScores(threshold == null ? null : scores);
        e.setThreshold(threshold);
        return e;
    }

    @Test
    void theMeanTokenScoreIsDequantisedAndDividedByTheThreshold() {
        ExplanationDrift drift = new ExplanationDrift(2);
        drift.add(explained("c", 3, 10f));
        // mean score (0 + 2 + 4 + 6) / 4 = 3, over threshold 10
        assertThat(drift.tokenScoreRatio()).isCloseTo(0.3, within(1e-9));
        assertThat(drift.conceptCount()).isCloseTo(3, within(1e-9));
        drift.add(explained("c", 5, 5f));
        drift.add(explained("c", 7, 5f)); // the window holds the last two
        assertThat(drift.tokenScoreRatio()).isCloseTo(0.6, within(1e-9));
        assertThat(drift.conceptCount()).isCloseTo(6, within(1e-9));
    }

    @Test
    void framesWithoutMapsOrProfileLeaveTheirSignalAlone() {
        ExplanationDrift drift = new ExplanationDrift(4);
        drift.add(explained("c", 4, 10f));
        drift.add(explained("c", 0, null)); // calibrating, scored without maps
        assertThat(drift.conceptCount()).isCloseTo(4, within(1e-9));
        assertThat(drift.tokenScoreRatio()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void eachCameraGetsItsTwoGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ServiceMetrics metrics = new ServiceMetrics(registry, new RecentFrames(new RecentFramesConfig(4, 1 << 20)));
        metrics.explanation(explained("cam-a", 3, 10f));
        metrics.explanation(explained("cam-b", 5, 20f));
        assertThat(registry.get("ultraline.concept.count")
                        .tag("camera", "cam-a")
                        .gauge()
                        .value())
                .isEqualTo(3);
        assertThat(registry.get("ultraline.token.score.ratio")
                        .tag("camera", "cam-b")
                        .gauge()
                        .value())
                .isCloseTo(0.15, within(1e-9));
        metrics.forgetCamera("cam-a");
        assertThat(registry.find("ultraline.concept.count")
                        .tag("camera", "cam-a")
                        .gauge())
                .isNull();
    }
}
