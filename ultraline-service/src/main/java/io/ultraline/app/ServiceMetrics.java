package io.ultraline.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.stream.ModelStep;
import io.ultraline.stream.PipelineObserver;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's Prometheus metrics, fed by the topology (as a {@link PipelineObserver}) and by the
 * model step ({@link #timed}). Counts are of processed records: a batch processed again after a
 * crash counts again (see {@link PipelineObserver}).
 * <ul>
 *   <li>{@code ultraline_frames_in_total{camera}}: frames that passed validation;</li>
 *   <li>{@code ultraline_verdicts_total{camera,status}}: frames out, by verdict;</li>
 *   <li>{@code ultraline_defect_regions_total{camera}};</li>
 *   <li>{@code ultraline_dead_letters_total{reason}};</li>
 *   <li>{@code ultraline_model_batch_seconds} and {@code ultraline_model_batch_frames}: per model call;</li>
 *   <li>{@code ultraline_capture_to_verdict_seconds}: capture time to verdict time;</li>
 *   <li>{@code ultraline_defect_ratio{camera}}: share of DEFECT among the camera's last 100 scored verdicts;</li>
 *   <li>{@code ultraline_normal_score_ratio{camera}}: mean score / threshold of the camera's last 100 OK
 *       verdicts, a drift signal comparable across cameras ({@link NormalScoreRatio});</li>
 *   <li>{@code ultraline_concept_count{camera}} and {@code ultraline_token_score_ratio{camera}}: mean
 *       concepts and mean token score / threshold of the camera's last 100 explanations, the scene's
 *       make-up and the embedding drift ({@link ExplanationDrift});</li>
 *   <li>{@code ultraline_calibration_state{camera,state}}: 1 for the state of the camera's last
 *       verdict (CALIBRATED, CALIBRATING, UNCALIBRATED), 0 for the others;</li>
 *   <li>{@code ultraline_alerts_total{scope,state}};</li>
 *   <li>{@code ultraline_model_info{name,version,digest,device}}: 1, for the model loaded;</li>
 *   <li>{@code process_resident_memory_bytes} where the platform reports it ({@link ResidentMemory}).</li>
 * </ul>
 * Series tagged with a camera live as long as {@link RecentFrames} holds the camera: when it drops
 * one (camera cap, partitions revoked at a rebalance), its series are removed, so an instance
 * never reports a camera another instance now processes. What lives in state stores (the open
 * alerts) and the streams client's own metrics are bound by {@link StreamsMeters}.
 */
@Singleton
public final class ServiceMetrics implements PipelineObserver {

    private static final int RATE_WINDOW = 100;

    private final MeterRegistry registry;
    private final Timer captureToVerdict;
    private final Map<String, DefectRate> rates = new ConcurrentHashMap<>();
    private final Map<String, NormalScoreRatio> normalScores = new ConcurrentHashMap<>();
    private final Map<String, ExplanationDrift> drift = new ConcurrentHashMap<>();
    private final Map<String, CalibrationState> calibration = new ConcurrentHashMap<>();
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    ServiceMetrics(MeterRegistry registry, RecentFrames recent) {
        this.registry = registry;
        recent.onCameraEvicted(this::forgetCamera);
        this.captureToVerdict = Timer.builder("ultraline.capture.to.verdict")
                .description("Capture time of a frame to the time its verdict was produced")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
        ResidentMemory.bindTo(registry);
    }

    /** Registers {@code ultraline_model_info}: constant 1, the identity in its tags. */
    void modelLoaded(String name, String version, String digest, String device) {
        Gauge.builder("ultraline.model.info", () -> 1)
                .description("The model loaded: name, version, SHA-256 of the weights, device it runs on (cpu, gpu)")
                .tags("name", name, "version", version, "digest", digest, "device", device)
                .register(registry);
    }

    /** The model step with batch size and latency recorded. */
    ModelStep timed(ModelStep inspection) {
        Timer latency = Timer.builder("ultraline.model.batch")
                .description("Model call latency per batch")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        DistributionSummary size = DistributionSummary.builder("ultraline.model.batch.frames")
                .description("Frames per model call")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1024.0)
                .register(registry);
        Timer explain = Timer.builder("ultraline.model.explain")
                .description("Latency of a second-stage call: the ULTra maps of a batch's selected frames")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        return new TimedModelStep(inspection, latency, size, explain);
    }

    @Override
    public void frameAccepted(CameraFrame frame) {
        increment("ultraline.frames.in", "Frames that passed validation", "camera", frame.getCameraId());
    }

    @Override
    public void verdict(FrameVerdict verdict) {
        String camera = verdict.getCameraId();
        increment(
                "ultraline.verdicts",
                "Verdicts produced (frames out)",
                "camera",
                camera,
                "status",
                verdict.getStatus().name());
        captureToVerdict.record(Duration.ofMillis(Math.max(
                0,
                verdict.getProcessedTimestamp().toEpochMilli()
                        - verdict.getCaptureTimestamp().toEpochMilli())));
        if (verdict.getStatus() == VerdictStatus.OK || verdict.getStatus() == VerdictStatus.DEFECT) {
            rates.computeIfAbsent(camera, c -> {
                        DefectRate rate = new DefectRate(RATE_WINDOW);
                        Gauge.builder("ultraline.defect.ratio", rate, DefectRate::value)
                                .description(
                                        "Share of DEFECT among the camera's last " + RATE_WINDOW + " scored verdicts")
                                .tag("camera", c)
                                .register(registry);
                        return rate;
                    })
                    .add(verdict.getStatus() == VerdictStatus.DEFECT);
        }
        if (verdict.getStatus() == VerdictStatus.OK) {
            normalScores
                    .computeIfAbsent(camera, c -> {
                        NormalScoreRatio ratio = new NormalScoreRatio(RATE_WINDOW);
                        Gauge.builder("ultraline.normal.score.ratio", ratio, NormalScoreRatio::value)
                                .description("Mean score / threshold of the camera's last " + RATE_WINDOW
                                        + " OK verdicts" + " (drift since calibration)")
                                .tag("camera", c)
                                .register(registry);
                        return ratio;
                    })
                    .add(verdict.getFrameScore(), verdict.getThreshold());
        }
        CalibrationState.of(verdict.getStatus())
                .ifPresent(state -> calibration
                        .computeIfAbsent(camera, c -> CalibrationState.register(registry, c))
                        .set(state));
    }

    @Override
    public void explanation(FrameExplanation explanation) {
        drift.computeIfAbsent(explanation.getCameraId(), c -> {
                    ExplanationDrift d = new ExplanationDrift(RATE_WINDOW);
                    Gauge.builder("ultraline.concept.count", d, ExplanationDrift::conceptCount)
                            .description(
                                    "Mean ULTra concepts of the camera's last " + RATE_WINDOW + " explained frames")
                            .tag("camera", c)
                            .register(registry);
                    Gauge.builder("ultraline.token.score.ratio", d, ExplanationDrift::tokenScoreRatio)
                            .description("Mean over all tokens of score / threshold, over the camera's last "
                                    + RATE_WINDOW + " explained frames (embedding drift since calibration)")
                            .tag("camera", c)
                            .register(registry);
                    return d;
                })
                .add(explanation);
    }

    @Override
    public void defect(DefectRegion region) {
        increment("ultraline.defect.regions", "Defect regions published", "camera", region.getCameraId());
    }

    @Override
    public void deadLetter(RejectedFrame rejected) {
        increment(
                "ultraline.dead.letters",
                "Records dead-lettered, by reason",
                "reason",
                rejected.getReason().name());
    }

    @Override
    public void alert(LineAlert alert) {
        increment(
                "ultraline.alerts",
                "Alert records, by scope and state",
                "scope",
                alert.getScope().name(),
                "state",
                alert.getState().name());
    }

    /**
     * Removes every series tagged with {@code camera}: the live view dropped it (camera cap,
     * rebalance), and a producer that invents camera ids must not grow the registry without end.
     * A camera that sends again gets fresh series, starting from zero, as after a restart.
     */
    void forgetCamera(String camera) {
        counters.keySet().removeIf(key -> isCameraTag(key, camera));
        rates.remove(camera);
        normalScores.remove(camera);
        drift.remove(camera);
        calibration.remove(camera);
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (meter.getId().getName().startsWith("ultraline.")
                    && camera.equals(meter.getId().getTag("camera"))) {
                registry.remove(meter);
            }
        }
    }

    private static boolean isCameraTag(List<String> key, String camera) {
        for (int i = 1; i + 1 < key.size(); i += 2) {
            if (key.get(i).equals("camera") && key.get(i + 1).equals(camera)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Counter {@code name} with the given tag key/value pairs, plus one. Counters are kept here once
     * registered, so a record costs a map lookup, not a new meter id with sorted tags.
     */
    private void increment(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        counters.computeIfAbsent(
                        key,
                        k -> Counter.builder(name)
                                .description(description)
                                .tags(tags)
                                .register(registry))
                .increment();
    }

    /** The share of defective frames among the last {@code size} scored ones. */
    static final class DefectRate {
        private final boolean[] ring;
        private int next;
        private int count;
        private int defects;

        DefectRate(int size) {
            ring = new boolean[size];
        }

        synchronized void add(boolean defective) {
            if (count == ring.length && ring[next]) {
                defects--;
            }
            ring[next] = defective;
            if (defective) {
                defects++;
            }
            next = (next + 1) % ring.length;
            count = Math.min(count + 1, ring.length);
        }

        synchronized double value() {
            return count == 0 ? 0 : (double) defects / count;
        }
    }
}
