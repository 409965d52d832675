package io.ultraline.app;

import static io.ultraline.app.LiveRecords.frame;
import static io.ultraline.app.LiveRecords.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {

    private static Set<String> camerasWithSeries(SimpleMeterRegistry registry) {
        Set<String> out = new TreeSet<>();
        for (Meter m : registry.getMeters()) {
            String camera = m.getId().getTag("camera");
            if (camera != null) {
                out.add(camera);
            }
        }
        return out;
    }

    @Test
    void theSeriesOfADroppedCameraAreRemoved() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(2, 1 << 20));
        ServiceMetrics metrics = new ServiceMetrics(registry, recent);
        io.ultraline.stream.PipelineObserver both =
                io.ultraline.stream.PipelineObserver.all(java.util.List.of(metrics, recent));
        for (int i = 0; i < 100; i++) {
            both.frameAccepted(frame("invented-" + i, "f", 10));
            both.verdict(verdict("invented-" + i, "f", 0.1f));
        }
        assertThat(camerasWithSeries(registry)).containsExactly("invented-98", "invented-99");
        assertThat(registry.get("ultraline.frames.in")
                        .tag("camera", "invented-99")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("ultraline.defect.ratio")
                        .tag("camera", "invented-99")
                        .gauge())
                .isNotNull();
        assertThat(registry.get("ultraline.normal.score.ratio")
                        .tag("camera", "invented-99")
                        .gauge()
                        .value())
                .isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-6));

        recent.retainPartitions(LiveRecords.FRAMES_TOPIC, Set.of(1));
        assertThat(camerasWithSeries(registry)).isEmpty();
        // a camera that comes back starts new series
        both.frameAccepted(frame("invented-99", "g", 10));
        assertThat(registry.get("ultraline.frames.in")
                        .tag("camera", "invented-99")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.find("ultraline.capture.to.verdict").timer())
                .as("series without a camera stay")
                .isNotNull();
    }

    @Test
    void prometheusNamesUseBaseUnitsAndTheCalibrationStateFollowsTheLastVerdict() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(4, 1 << 20));
        ServiceMetrics metrics = new ServiceMetrics(registry, recent);
        metrics.modelLoaded("line-vit", "1.2.0", "ab12", "gpu");
        metrics.verdict(withStatus(verdict("cam-a", "f1", 0.1f), VerdictStatus.CALIBRATING));
        String calibrating = registry.scrape();
        assertThat(calibrating)
                .contains("ultraline_calibration_state{camera=\"cam-a\",state=\"CALIBRATING\"} 1")
                .contains("ultraline_calibration_state{camera=\"cam-a\",state=\"CALIBRATED\"} 0")
                .contains("ultraline_model_info{device=\"gpu\",digest=\"ab12\",name=\"line-vit\",version=\"1.2.0\"} 1")
                .doesNotContain("ultraline_defect_ratio");
        metrics.verdict(withStatus(verdict("cam-a", "f2", 0.9f), VerdictStatus.DEFECT));
        metrics.verdict(verdict("cam-a", "f3", 0.1f));
        String scored = registry.scrape();
        assertThat(scored)
                .contains("ultraline_calibration_state{camera=\"cam-a\",state=\"CALIBRATED\"} 1")
                .contains("ultraline_calibration_state{camera=\"cam-a\",state=\"CALIBRATING\"} 0")
                .contains("ultraline_defect_ratio{camera=\"cam-a\"} 0.5")
                .contains("ultraline_normal_score_ratio{camera=\"cam-a\"} 0.1")
                .contains("ultraline_verdicts_total{camera=\"cam-a\",status=\"DEFECT\"} 1")
                .contains("ultraline_capture_to_verdict_seconds_bucket")
                .doesNotContain("defect_rate");
        if (ResidentMemory.read(java.nio.file.Path.of("/proc/self/status")).isPresent()) {
            assertThat(scored).containsPattern("(?m)^process_resident_memory_bytes [1-9]");
        }
    }

    @Test
    void theResidentSetIsReadInBytesFromTheStatusFile() {
        assertThat(ResidentMemory.parse(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads: 4")))
                .hasValue(123456L * 1024);
        assertThat(ResidentMemory.parse(List.of("VmRSS: lots"))).isEmpty();
        assertThat(ResidentMemory.parse(List.of())).isEmpty();
    }

    private static FrameVerdict withStatus(FrameVerdict v, VerdictStatus status) {
        v.setStatus(status);
        return v;
    }
}
