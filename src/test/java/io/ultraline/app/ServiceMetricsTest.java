package io.ultraline.app;

import static io.ultraline.app.LiveRecords.frame;
import static io.ultraline.app.LiveRecords.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
        io.ultraline.stream.PipelineObserver both = io.ultraline.stream.PipelineObserver.all(
                java.util.List.of(metrics, recent));
        for (int i = 0; i < 100; i++) {
            both.frameAccepted(frame("invented-" + i, "f", 10));
            both.verdict(verdict("invented-" + i, "f", 0.1f));
        }
        assertThat(camerasWithSeries(registry)).containsExactly("invented-98", "invented-99");
        assertThat(registry.get("ultraline.frames.in").tag("camera", "invented-99").counter().count()).isEqualTo(1);
        assertThat(registry.get("ultraline.defect.rate").tag("camera", "invented-99").gauge()).isNotNull();

        recent.retainPartitions(LiveRecords.FRAMES_TOPIC, Set.of(1));
        assertThat(camerasWithSeries(registry)).isEmpty();
        // a camera that comes back starts new series
        both.frameAccepted(frame("invented-99", "g", 10));
        assertThat(registry.get("ultraline.frames.in").tag("camera", "invented-99").counter().count()).isEqualTo(1);
        assertThat(registry.find("ultraline.capture.to.verdict").timer()).as("series without a camera stay").isNotNull();
    }
}
