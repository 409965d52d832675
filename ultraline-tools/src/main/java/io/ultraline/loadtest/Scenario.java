package io.ultraline.loadtest;

import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.ExplainConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One load-test run as a scenario file describes it (see {@link ScenarioFile} for the format).
 * The offered rate is {@code cameras * fpsPerCamera} frames/s, open loop; a {@link Search} replaces
 * it by a staircase of rates.
 *
 * @param name              names the run and its output folder
 * @param cameras           cameras, each its own synthetic surface and record key
 * @param fpsPerCamera      frames/s per camera (fixed-rate runs)
 * @param frames            frame size, encoding, defect rate and pool size
 * @param duration          how long frames are offered, warm-up included
 * @param warmUp            leading part of {@code duration} left out of the latency summary
 * @param calibrationFrames good frames per camera after its START command, before the load
 * @param batchSize         the processors' batch size (ULTRALINE_BATCH_SIZE)
 * @param batchMaxWait      the processors' batch max wait (ULTRALINE_BATCH_MAX_WAIT)
 * @param instances         processor instances, separate JVMs with one application.id
 * @param partitions        partitions of every pipeline topic
 * @param modelThreads      TensorFlow intra-op threads per instance (ULTRALINE_MODEL_THREADS), 0 = auto
 * @param heap              -Xmx of each instance, e.g. {@code 1g}
 * @param modelDir          the SavedModel the processors load
 * @param drainTimeout      how long to wait for the last verdicts after the load stops
 * @param sessionTimeout    the instances' consumer session timeout (ULTRALINE_SESSION_TIMEOUT_MS), if
 *                          not the service's default: how long a killed instance's partitions wait
 * @param explain           which frames the instances explain and how (ULTRALINE_EXPLAIN and the
 *                          ULTRALINE_EXPLAIN_* settings), if not the service's default ({@code all})
 * @param kill              an instance to kill with SIGKILL during the run, if any
 * @param search            a search for the highest sustainable rate instead of a fixed rate, if any
 * @param external          an existing broker and registry instead of the embedded ones, if any
 */
public record Scenario(
        String name,
        int cameras,
        double fpsPerCamera,
        Frames frames,
        Duration duration,
        Duration warmUp,
        int calibrationFrames,
        int batchSize,
        Duration batchMaxWait,
        int instances,
        int partitions,
        int modelThreads,
        String heap,
        Path modelDir,
        Duration drainTimeout,
        Optional<Duration> sessionTimeout,
        Optional<ExplainConfig> explain,
        Optional<Kill> kill,
        Optional<Search> search,
        Optional<External> external) {

    /** Frames of the generator's pool, rendered once before the run. */
    public record Frames(int size, ImageEncoding encoding, double defectRate, int poolPerCamera) {
        public Frames {
            Objects.requireNonNull(encoding, "encoding");
            require(size >= 16 && size <= 4096, "frames.size must be in [16, 4096], got " + size);
            require(
                    encoding == ImageEncoding.PNG || encoding == ImageEncoding.JPEG || encoding == ImageEncoding.RGB8,
                    "frames.encoding must be PNG, JPEG or RGB8, got " + encoding);
            require(defectRate >= 0 && defectRate <= 1, "frames.defectRate must be in [0, 1], got " + defectRate);
            require(poolPerCamera >= 1, "frames.pool must be >= 1, got " + poolPerCamera);
        }
    }

    /** SIGKILL instance {@code instance} (0-based) {@code at} after the load started. */
    public record Kill(Duration at, int instance) {}

    /**
     * A staircase of offered rates (total frames/s): {@code from}, {@code from + step}, ... up to
     * {@code to}, each for {@code stepDuration}; it stops at the first step that is not sustainable
     * (lag grows, or p99 above {@code maxP99}). Then, if {@code followUpFraction > 0}, a fixed run
     * at that fraction of the best sustainable rate for {@code followUpDuration}.
     */
    public record Search(
            double from,
            double step,
            double to,
            Duration stepDuration,
            Duration maxP99,
            double followUpFraction,
            Duration followUpDuration) {
        public Search {
            require(from > 0 && step > 0 && to >= from, "search needs from > 0, step > 0 and to >= from");
            require(positive(stepDuration), "search.stepDuration must be positive");
            require(positive(maxP99), "search.maxP99 must be positive");
            require(followUpFraction >= 0 && followUpFraction <= 1, "search.followUp.fraction must be in [0, 1]");
        }
    }

    /** An existing Kafka cluster and Confluent-API schema registry. */
    public record External(String bootstrapServers, String schemaRegistryUrl) {
        public External {
            require(bootstrapServers != null && !bootstrapServers.isBlank(), "kafka.bootstrapServers is empty");
            require(schemaRegistryUrl != null && !schemaRegistryUrl.isBlank(), "kafka.schemaRegistryUrl is empty");
        }
    }

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(frames, "frames");
        require(name.matches("[A-Za-z0-9._-]+"), "name may hold letters, digits, '.', '_' and '-' only: " + name);
        require(cameras >= 1, "cameras must be >= 1, got " + cameras);
        require(search.isPresent() || fpsPerCamera > 0, "fpsPerCamera must be > 0, got " + fpsPerCamera);
        require(search.isPresent() || positive(duration), "duration must be positive");
        require(
                !warmUp.isNegative() && (search.isPresent() || warmUp.compareTo(duration) < 0),
                "warmUp must be >= 0 and shorter than duration");
        require(calibrationFrames >= 1, "calibrationFrames must be >= 1, got " + calibrationFrames);
        require(batchSize >= 1, "batch.size must be >= 1, got " + batchSize);
        require(positive(batchMaxWait), "batch.maxWait must be positive");
        require(instances >= 1, "instances must be >= 1, got " + instances);
        require(partitions >= instances, "partitions (" + partitions + ") must be >= instances (" + instances + ")");
        require(modelThreads >= 0, "modelThreads must be >= 0");
        require(heap.matches("\\d+[kmgKMG]?"), "heap must look like 1g or 768m, got " + heap);
        require(positive(drainTimeout), "drainTimeout must be positive");
        require(sessionTimeout.map(Scenario::positive).orElse(true), "sessionTimeout must be positive");
        kill.ifPresent(k -> {
            require(instances >= 2, "kill needs at least 2 instances, so that another one takes over");
            require(
                    k.instance() >= 0 && k.instance() < instances,
                    "kill.instance must be in [0, " + (instances - 1) + "], got " + k.instance());
            require(
                    positive(k.at()) && (search.isPresent() || k.at().compareTo(duration) < 0),
                    "kill.at must be inside the run's duration");
            require(search.isEmpty(), "kill and search do not go together: run them as two scenarios");
        });
    }

    /** Offered frames/s of a fixed-rate run. */
    public double offeredFps() {
        return cameras * fpsPerCamera;
    }

    static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
