package io.ultraline.bench;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.dev.EmbeddedKafka;
import io.ultraline.dev.EmbeddedSchemaRegistry;
import io.ultraline.files.DirectoryTrees;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.BatchConfig;
import io.ultraline.stream.CalibrationDefaults;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.InspectionTopology;
import io.ultraline.stream.PipelineConfig;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.PipelineUncaughtExceptionHandler;
import io.ultraline.stream.StreamsConfigs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Frames/s through the whole inspection topology next to frames/s of the model step alone, in one
 * process, on loopback only: an embedded broker, an embedded registry, the topology under
 * exactly_once_v2 (one stream thread unless asked), and the shipped model.
 *
 * <ol>
 *   <li>model alone: {@link FrameInspector#inspect} on decoded frames in batches of the configured
 *       size, scored against a profile, for the measuring time;</li>
 *   <li>calibration: a START command and good frames per camera, so verdicts carry defect scores;</li>
 *   <li>closed loop: at most a few batches of frames outstanding, a new frame for every verdict read
 *       (read_committed); sustained frames/s = verdicts per second after a warm-up;</li>
 *   <li>open loop: frames at a fixed fraction of that rate, or at a fixed rate, with their capture
 *       time; capture-to-verdict latency percentiles, and the medians of the first and last quarter,
 *       which show whether verdicts keep up.</li>
 * </ol>
 */
public final class PipelineBenchmark {

    /**
     * Frames outstanding in the closed loop, in batches, by default: one being inspected, more
     * waiting. With 3, the topology could wait for frames after a commit (new frames follow visible
     * verdicts); with 6 a two-stage run at the default size was capped by the window itself (16
     * gave 136 frames/s against 130, docs/benchmarks.md), so runs that measure capacity set more.
     */
    public static final int DEFAULT_WINDOW_BATCHES = 6;
    /** Frames in each camera's pool: 40 gives a 5 % defect rate two defective frames per camera. */
    private static final int POOL = 40;

    private static final Duration STARTUP = Duration.ofMinutes(2);
    static final Duration OPEN_LOOP_WARM_UP = Duration.ofSeconds(10);

    private final Settings settings;
    private final PrintStream log;

    /**
     * @param modelDir          the SavedModel directory (the shipped models/line-vit by default)
     * @param cameras           cameras, each its own synthetic surface
     * @param batchSize         the pipeline's batch size, also the model-alone batch size
     * @param maxWait           the pipeline's batch max wait
     * @param measure           measuring time of each figure
     * @param calibrationFrames good frames per camera after its START command
     * @param openLoopFraction  the open-loop rate as a fraction of the sustained closed-loop rate
     * @param openLoopFps       a fixed open-loop rate in frames/s instead (0: use the fraction), so
     *                          that a run shows whether the pipeline keeps up with a given line rate
     * @param threads           TensorFlow intra-op threads, 0 for auto
     * @param commitInterval    Kafka Streams commit.interval.ms (each commit ends a transaction)
     * @param warmUp            unmeasured running before the closed loop's figure: the JIT compiles
     *                          the broker's and the clients' hot paths for the first minute or more
     *                          (C2 took 10 % of the machine 20 s into the loop, 4 % at 60 s, 3 % at
     *                          95 s); the open loop follows on a warm JVM and warms up for
     *                          {@link #OPEN_LOOP_WARM_UP}
     * @param streamThreads     stream threads; line.frames and line.calibration get as many
     *                          partitions, so each thread has a task (the model runner is shared)
     * @param parallelRuns      model session runs in flight at once, 0 for one per processor
     * @param defectRate        share of defective frames in each camera's pool
     * @param explain           which frames the pipeline explains (two-stage inference unless mode all)
     * @param rawPixels         whether the profiles get the raw-pixel channel
     * @param windowBatches     batches of frames outstanding in the closed loop, at least 1
     * @param zoom              the profiles' zoom channel: 1 for none, else its scale (2 to
     *                          {@link io.ultraline.defect.ZoomChannel#MAX_SCALE}), given to the
     *                          stream's own calibrations
     */
    public record Settings(
            Path modelDir,
            int cameras,
            int batchSize,
            Duration maxWait,
            Duration measure,
            int calibrationFrames,
            double openLoopFraction,
            double openLoopFps,
            int threads,
            Duration commitInterval,
            Duration warmUp,
            int streamThreads,
            int parallelRuns,
            double defectRate,
            ExplainConfig explain,
            boolean rawPixels,
            int windowBatches,
            boolean modelAlone,
            int zoom) {
        public Settings {
            if (zoom < 1 || zoom > io.ultraline.defect.ZoomChannel.MAX_SCALE) {
                throw new IllegalArgumentException("the benchmark's zoom is 1 (none) to "
                        + io.ultraline.defect.ZoomChannel.MAX_SCALE + ", got " + zoom);
            }
            if (windowBatches < 1) {
                throw new IllegalArgumentException(
                        "the closed-loop window must be at least 1 batch, got " + windowBatches);
            }
            Objects.requireNonNull(explain, "explain");
            if (!(defectRate >= 0 && defectRate <= 1)) {
                throw new IllegalArgumentException("defect rate must be in [0, 1], got " + defectRate);
            }
            if (streamThreads < 1) {
                throw new IllegalArgumentException("stream threads must be >= 1");
            }
            Objects.requireNonNull(modelDir, "modelDir");
            if (warmUp.isNegative()) {
                throw new IllegalArgumentException("warm-up must be >= 0");
            }
            if (cameras < 1 || batchSize < 1 || calibrationFrames < 1) {
                throw new IllegalArgumentException("cameras, batch size and calibration frames must be >= 1");
            }
            if (measure.isNegative() || measure.isZero()) {
                throw new IllegalArgumentException("measuring time must be positive");
            }
            if (!(openLoopFraction > 0 && openLoopFraction <= 1)) {
                throw new IllegalArgumentException("open-loop fraction must be in (0, 1]");
            }
            if (!(openLoopFps >= 0) || Double.isInfinite(openLoopFps)) {
                throw new IllegalArgumentException(
                        "open-loop rate must be finite and >= 0 frames/s (0: the fraction), got " + openLoopFps);
            }
        }

        /** The open loop's offered rate, given the closed loop's sustained one. */
        double openLoopTarget(double closedLoopFps) {
            return openLoopFps > 0 ? openLoopFps : openLoopFraction * closedLoopFps;
        }
    }

    /**
     * The figures; latencies in milliseconds. The model alone runs before and after the pipeline and
     * the ratio uses their mean: on a shared machine the speed drifts by several percent over minutes,
     * and bracketing the pipeline cancels most of that drift.
     */
    public record Figures(
            Settings settings,
            double modelFpsBefore,
            double modelFpsAfter,
            double pipelineFps,
            double openLoopTargetFps,
            double openLoopFps,
            long p50Ms,
            long p99Ms,
            long maxMs,
            int latencySamples,
            long p50FirstQuarterMs,
            long p50LastQuarterMs,
            long defectVerdicts,
            long okVerdicts,
            double loadBefore,
            double loadAfter,
            double tokensFpsBefore,
            double tokensFpsAfter,
            long explanations) {

        Figures withModelAfter(double fps, double tokensFps, double load) {
            return new Figures(
                    settings,
                    modelFpsBefore,
                    fps,
                    pipelineFps,
                    openLoopTargetFps,
                    openLoopFps,
                    p50Ms,
                    p99Ms,
                    maxMs,
                    latencySamples,
                    p50FirstQuarterMs,
                    p50LastQuarterMs,
                    defectVerdicts,
                    okVerdicts,
                    loadBefore,
                    load,
                    tokensFpsBefore,
                    tokensFps,
                    explanations);
        }

        /** The forward pass alone (ModelRunner.tokens, no shifted views, no scoring), mean of before and after. */
        public double tokensOnlyFps() {
            return (tokensFpsBefore + tokensFpsAfter) / 2;
        }

        public double modelFps() {
            return (modelFpsBefore + modelFpsAfter) / 2;
        }

        public double ratio() {
            return pipelineFps / modelFps();
        }

        public String format() {
            return String.format(
                    """
                    model %s, %d cameras, batch %d, max wait %d ms, %d s per figure, closed loop after %d s warm-up,
                    exactly_once_v2, commit interval %d ms, %d stream thread(s), model parallel runs %s, closed-loop window %d batches
                    model alone (FrameInspector.inspect, scored): %s
                    pipeline, closed loop (verdicts read_committed): %8.1f frames/s
                    pipeline / model: %s
                    tokens_only_frames_per_s (ModelRunner.tokens, batch %d): %.1f (%.1f before, %.1f after)
                    pipeline / tokens only: %.1f %%
                    explain: %s, K %d, T %d, strategy %s, near-threshold %.2f; defect rate %.3f; raw-pixel channel %s; zoom %s
                    verdicts in the closed loop: %d DEFECT, %d OK; explanations read in the run: %d
                    open loop at %.1f frames/s (%s): %.1f frames/s delivered
                    capture-to-verdict latency over %d frames: p50 %d ms, p99 %d ms, max %d ms
                    open-loop p50 in the first / last quarter of the run: %d / %d ms (level when the pipeline keeps up)
                    system load average (1 min): %.2f before, %.2f after
                    """,
                    settings.modelDir(),
                    settings.cameras(),
                    settings.batchSize(),
                    settings.maxWait().toMillis(),
                    settings.measure().toSeconds(),
                    settings.warmUp().toSeconds(),
                    settings.commitInterval().toMillis(),
                    settings.streamThreads(),
                    settings.parallelRuns() == 0
                            ? "auto (" + RunnerOptions.defaults().resolvedParallelRuns() + ")"
                            : settings.parallelRuns(),
                    settings.windowBatches(),
                    Double.isNaN(modelFps())
                            ? "not measured (--no-model-alone)"
                            : String.format(
                                    java.util.Locale.ROOT,
                                    "%8.1f frames/s (%.1f before, %.1f after the pipeline)",
                                    modelFps(),
                                    modelFpsBefore,
                                    modelFpsAfter),
                    pipelineFps,
                    Double.isNaN(ratio())
                            ? "-"
                            : String.format(java.util.Locale.ROOT, "%.1f %% (target >= 85 %%)", 100 * ratio()),
                    settings.batchSize(),
                    tokensOnlyFps(),
                    tokensFpsBefore,
                    tokensFpsAfter,
                    100 * pipelineFps / tokensOnlyFps(),
                    settings.explain().mode().name().toLowerCase(java.util.Locale.ROOT),
                    settings.explain().sampleEvery(),
                    settings.explain().targets(),
                    settings.explain().strategy(),
                    settings.explain().nearThreshold(),
                    settings.defectRate(),
                    settings.rawPixels() ? "on" : "off",
                    settings.zoom() == 1 ? "none" : settings.zoom() + "x",
                    defectVerdicts,
                    okVerdicts,
                    explanations,
                    openLoopTargetFps,
                    settings.openLoopFps() > 0
                            ? "fixed by --open-loop-fps"
                            : String.format(
                                    java.util.Locale.ROOT, "%.0f %% of sustained", 100 * settings.openLoopFraction()),
                    openLoopFps,
                    latencySamples,
                    p50Ms,
                    p99Ms,
                    maxMs,
                    p50FirstQuarterMs,
                    p50LastQuarterMs,
                    loadBefore,
                    loadAfter);
        }
    }

    public PipelineBenchmark(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Figures run() throws Exception {
        double loadBefore = SystemLoad.oneMinute();
        log.println("generating frames ...");
        BenchFrames frames;
        try (ModelRunner runner = ModelRunner.load(
                settings.modelDir(),
                RunnerOptions.defaults()
                        .withIntraOpThreads(settings.threads())
                        .withParallelRuns(settings.parallelRuns()))) {
            frames = new BenchFrames(
                    settings.cameras(),
                    runner.config().imageSize(),
                    POOL,
                    settings.calibrationFrames(),
                    settings.defectRate());
            FrameInspector inspector =
                    FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES, settings.rawPixels());
            double modelFps = modelAloneIfAsked(inspector, frames, "before");
            double tokensFps = tokensOnly(runner, frames);
            log.printf("tokens only, before the pipeline: %.1f frames/s%n", tokensFps);
            Figures f;
            try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start();
                    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start()) {
                f = pipeline(kafka, registry.confluentApiUrl(), inspector, frames, modelFps, tokensFps, loadBefore);
            }
            // again once the streams client, the broker and the registry are closed: the same
            // conditions as the first figure, minutes later
            double after = modelAloneIfAsked(inspector, frames, "after");
            double tokensAfter = tokensOnly(runner, frames);
            log.printf("tokens only, after the pipeline: %.1f frames/s%n", tokensAfter);
            return f.withModelAfter(after, tokensAfter, SystemLoad.oneMinute());
        }
    }

    /** The forward pass alone in batches of the pipeline's size: the ceiling of any pipeline. */
    private double tokensOnly(ModelRunner runner, BenchFrames frames) {
        int batch = settings.batchSize();
        int per = runner.pixelsPerFrame();
        List<RgbImage> all = new ArrayList<>();
        for (int c = 0; c < frames.cameras(); c++) {
            all.addAll(frames.images(c));
        }
        float[] input = new float[batch * per];
        int next = 0;
        for (int i = 0; i < 3; i++) { // warm-up
            runner.tokens(stack(all, next, batch, per, input), batch);
            next += batch;
        }
        long frameCount = 0;
        long start = System.nanoTime();
        long end = start + settings.measure().toNanos();
        while (System.nanoTime() < end) {
            frameCount +=
                    runner.tokens(stack(all, next, batch, per, input), batch).size();
            next += batch;
        }
        return frameCount / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The model alone, or NaN where the settings skip it: every frame gets all N maps there, which
     * at ViT-S size takes 10 to 50 s a frame on 2 cores, minutes before the first figure.
     */
    private double modelAloneIfAsked(FrameInspector inspector, BenchFrames frames, String when) {
        if (!settings.modelAlone()) {
            log.printf("model alone %s the pipeline: skipped%n", when);
            return Double.NaN;
        }
        log.printf("model alone (%s the pipeline) ...%n", when);
        double fps = modelAlone(inspector, frames);
        log.printf("model alone, %s the pipeline: %.1f frames/s%n", when, fps);
        return fps;
    }

    private double modelAlone(FrameInspector inspector, BenchFrames frames) {
        int batch = settings.batchSize();
        ReferenceProfile profile = inspector.calibrate(frames.images(0), 1, batch);
        List<RgbImage> all = new ArrayList<>();
        for (int c = 0; c < frames.cameras(); c++) {
            all.addAll(frames.images(c));
        }
        int next = 0;
        for (int i = 0; i < 3; i++) { // warm-up
            inspector.inspect(slice(all, next, batch), profile);
            next += batch;
        }
        long frameCount = 0;
        long start = System.nanoTime();
        long end = start + settings.measure().toNanos();
        while (System.nanoTime() < end) {
            frameCount += inspector.inspect(slice(all, next, batch), profile).size();
            next += batch;
        }
        return frameCount / ((System.nanoTime() - start) / 1e9);
    }

    private static float[] stack(List<RgbImage> all, int from, int batch, int per, float[] into) {
        List<RgbImage> slice = slice(all, from, batch);
        for (int i = 0; i < batch; i++) {
            System.arraycopy(slice.get(i).pixels(), 0, into, i * per, per);
        }
        return into;
    }

    private static List<RgbImage> slice(List<RgbImage> all, int from, int count) {
        List<RgbImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(all.get((from + i) % all.size()));
        }
        return out;
    }

    private Figures pipeline(
            EmbeddedKafka kafka,
            String registryUrl,
            FrameInspector inspector,
            BenchFrames frames,
            double modelFps,
            double tokensFps,
            double loadBefore)
            throws Exception {
        String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        PipelineTopics topics = PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .withPrefix(prefix);
        for (String topic : topics.names()) {
            boolean input = topic.equals(topics.frames().name())
                    || topic.equals(topics.calibration().name());
            kafka.createTopic(topic, input ? settings.streamThreads() : 1);
        }
        CalibrationDefaults calibration = CalibrationDefaults.defaults();
        PipelineConfig config = PipelineConfig.defaults()
                .withBatch(BatchConfig.of(settings.batchSize(), settings.maxWait()))
                .withExplain(settings.explain())
                .withCalibration(new CalibrationDefaults(
                        calibration.defaultFrameCount(),
                        calibration.maxFrameCount(),
                        calibration.maxInlineBuild(),
                        settings.rawPixels(),
                        calibration.conceptTransform(),
                        settings.zoom()));
        Path stateDir = Files.createTempDirectory("ultraline-bench-state");
        Map<String, Object> user = new HashMap<>(kafka.clientConfig());
        user.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        user.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        user.put(
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                settings.commitInterval().toMillis());
        user.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        user.put(SerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        KafkaStreams streams = new KafkaStreams(
                InspectionTopology.build(topics, inspector, Clock.systemUTC(), config),
                StreamsConfigs.asProperties(StreamsConfigs.forPipeline(prefix + "ultraline", user, topics, config)));
        streams.setUncaughtExceptionHandler(new PipelineUncaughtExceptionHandler());
        Map<String, Object> producerConfig = new HashMap<>(kafka.clientConfig());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (VerdictCounter verdicts = new VerdictCounter(consumer(kafka, topics));
                KafkaProducer<String, CameraFrame> producer = new KafkaProducer<>(
                        producerConfig,
                        topics.frames().keySerde().serializer(),
                        topics.frames().valueSerde().serializer());
                KafkaProducer<String, CalibrationCommand> commands = new KafkaProducer<>(
                        producerConfig,
                        topics.calibration().keySerde().serializer(),
                        topics.calibration().valueSerde().serializer())) {
            streams.start();
            awaitRunning(streams);
            verdicts.start();
            calibrate(frames, producer, commands, topics, verdicts, settings.calibrationFrames(), log);

            log.println("closed loop ...");
            Loop closed = new Loop(frames, producer, topics.frames().name(), verdicts, settings.warmUp(), log);
            double pipelineFps = closed.closed(settings.batchSize() * settings.windowBatches(), settings.measure());
            long defects = verdicts.defects();
            long oks = verdicts.oks();
            log.printf("closed loop: %.1f frames/s%n", pipelineFps);

            double target = settings.openLoopTarget(pipelineFps);
            log.printf("open loop at %.1f frames/s ...%n", target);
            Loop.OpenResult open = new Loop(frames, producer, topics.frames().name(), verdicts, OPEN_LOOP_WARM_UP, log)
                    .open(target, settings.measure());
            Percentiles p = new Percentiles(open.latenciesMs());
            long[] quarters = Percentiles.medianOfFirstAndLastQuarter(open.latenciesMs());
            return new Figures(
                    settings,
                    modelFps,
                    Double.NaN,
                    pipelineFps,
                    target,
                    open.deliveredFps(),
                    p.at(50),
                    p.at(99),
                    p.max(),
                    p.count(),
                    quarters[0],
                    quarters[1],
                    defects,
                    oks,
                    loadBefore,
                    SystemLoad.oneMinute(),
                    tokensFps,
                    Double.NaN,
                    TopicCount.committed(
                            kafka.clientConfig(), topics.explanations().name()));
        } finally {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            try {
                DirectoryTrees.delete(stateDir);
            } catch (IOException e) {
                log.println("could not delete the state directory " + stateDir + ": " + e.getMessage());
            }
        }
    }

    /**
     * START per camera, then its {@code calibrationFrames} good frames; returns once {@code verdicts}
     * has read a CALIBRATING verdict for each of them (every camera has a profile).
     */
    public static void calibrate(
            BenchFrames frames,
            KafkaProducer<String, CameraFrame> producer,
            KafkaProducer<String, CalibrationCommand> commands,
            PipelineTopics topics,
            VerdictCounter verdicts,
            int calibrationFrames,
            PrintStream log)
            throws Exception {
        log.printf("calibrating %d cameras with %d frames each ...%n", frames.cameras(), calibrationFrames);
        long before = verdicts.calibrating();
        long now = System.currentTimeMillis();
        for (int c = 0; c < frames.cameras(); c++) {
            String camera = frames.cameraId(c);
            commands.send(new ProducerRecord<>(
                            topics.calibration().name(),
                            null,
                            now,
                            camera,
                            CalibrationCommand.newBuilder()
                                    .setCommandId("bench-" + UUID.randomUUID())
                                    .setCameraId(camera)
                                    .setAction(CalibrationAction.START)
                                    .setFrameCount(calibrationFrames)
                                    .setRequestedBy("bench")
                                    .setTimestamp(Instant.ofEpochMilli(now))
                                    .build()))
                    .get();
        }
        // commands and frames are merged by timestamp: give the frames later ones
        TimeUnit.MILLISECONDS.sleep(200);
        long sent = 0;
        for (int i = 0; i < calibrationFrames; i++) {
            for (int c = 0; c < frames.cameras(); c++) {
                producer.send(Loop.record(
                        topics.frames().name(),
                        frames,
                        c,
                        "calibration-" + i,
                        frames.calibration(c).get(i),
                        System.currentTimeMillis()));
                sent++;
            }
        }
        producer.flush();
        long expected = before + sent;
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (verdicts.calibrating() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("calibration did not finish: " + verdicts.calibrating() + " of "
                        + expected + " calibration verdicts after " + STARTUP.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static KafkaConsumer<String, FrameVerdict> consumer(EmbeddedKafka kafka, PipelineTopics topics) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, FrameVerdict> consumer = new KafkaConsumer<>(
                config,
                topics.verdicts().keySerde().deserializer(),
                topics.verdicts().valueSerde().deserializer());
        consumer.assign(List.of(new TopicPartition(topics.verdicts().name(), 0)));
        consumer.seekToBeginning(consumer.assignment());
        return consumer;
    }

    private static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline
                    || !streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("streams client is " + streams.state());
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** A CameraFrame record of a pool frame, in the pool's encoding. */
    public static CameraFrame frame(BenchFrames frames, int camera, String frameId, byte[] png, long captureMillis) {
        return CameraFrame.newBuilder()
                .setCameraId(frames.cameraId(camera))
                .setLineId("bench-line")
                .setFrameId(frameId)
                .setCaptureTimestamp(Instant.ofEpochMilli(captureMillis))
                .setEncoding(frames.encoding())
                .setWidth(frames.size())
                .setHeight(frames.size())
                .setImage(ByteBuffer.wrap(png))
                .setProductId(null)
                .setAttributes(Map.of())
                .build();
    }
}
