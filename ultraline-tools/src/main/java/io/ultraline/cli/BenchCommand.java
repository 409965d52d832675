package io.ultraline.cli;

import io.ultraline.bench.ModelBenchmark;
import io.ultraline.bench.PipelineBenchmark;
import io.ultraline.bench.SoakBenchmark;
import io.ultraline.model.VitConfig;
import io.ultraline.stream.ExplainConfig;
import io.ultraline.stream.ExplanationsMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ultraline bench ...}: benchmarks that print their figures. */
@Command(
        name = "bench",
        description = "Benchmarks.",
        subcommands = {
            BenchCommand.Model.class,
            BenchCommand.Soak.class,
            BenchCommand.Pipeline.class,
            SparseBenchCommand.class
        })
final class BenchCommand {

    @Command(
            name = "model",
            mixinStandardHelpOptions = true,
            description = "Frames/s of tokens and of all ULTra maps for a random ViT, next to a plain MatMul.")
    static final class Model implements Callable<Integer> {
        @Option(names = "--image-size", defaultValue = "128")
        int imageSize;

        @Option(names = "--patch", defaultValue = "16")
        int patch;

        @Option(names = "--dim", defaultValue = "96")
        int dim;

        @Option(names = "--depth", defaultValue = "6")
        int depth;

        @Option(names = "--heads", defaultValue = "3")
        int heads;

        @Option(
                names = "--threads",
                defaultValue = "0",
                description = "intra-op threads (0 = auto, as serve does: 1 per run with parallel runs)")
        int threads;

        @Option(
                names = "--inter-threads",
                defaultValue = "0",
                description = "ops run in parallel (0 = auto, as serve does)")
        int interThreads;

        @Option(
                names = "--parallel-runs",
                defaultValue = "0",
                description = "model session runs in flight at once (0 = one per processor, as serve does)")
        int parallelRuns;

        @Option(names = "--seconds", defaultValue = "10", description = "measuring time per figure")
        double seconds;

        @Option(names = "--token-batch", defaultValue = "8")
        int tokenBatch;

        @Option(
                names = "--ari-frames",
                defaultValue = "6",
                description = "procedural scene frames the sparse_t*_ari_vs_all figures average over")
        int ariFrames;

        @Option(
                names = "--all-maps-batches",
                split = ",",
                defaultValue = "1,4,8",
                description = "frames per call of the fast all-maps figures")
        int[] allMapsBatches;

        @Option(
                names = "--ari-model",
                description = "model directory whose maps the sparse_t*_ari_vs_all figures "
                        + "use (default: the benchmark's random ViT, whose maps follow little of the frame)")
        Path ariModel;

        @Option(
                names = "--no-replicated",
                description = "skip the replicated variant and the per-target loop (keeps large sizes short)")
        boolean noReplicated;

        @Override
        public Integer call() throws Exception {
            VitConfig c = VitConfig.timmStyle(imageSize, patch, dim, depth, heads, depth);
            ModelBenchmark bench = new ModelBenchmark(c, threads, interThreads, parallelRuns, seconds)
                    .withAriFrames(ariFrames)
                    .withAllMapsBatches(allMapsBatches)
                    .withAriModel(ariModel);
            if (noReplicated) {
                bench.withoutReplicated();
            }
            ModelBenchmark.Figures f = bench.run(Path.of(System.getProperty("java.io.tmpdir")), tokenBatch);
            System.out.print(f.format());
            return 0;
        }
    }

    @Command(
            name = "soak",
            mixinStandardHelpOptions = true,
            description = "Many frames through the model runner while watching resident memory (leak check).")
    static final class Soak implements Callable<Integer> {
        @Option(names = "--frames", defaultValue = "20000")
        int frames;

        @Option(names = "--batch", defaultValue = "8")
        int batch;

        @Option(names = "--warm-up", defaultValue = "400")
        int warmUp;

        @Option(names = "--image-size", defaultValue = "64")
        int imageSize;

        @Option(names = "--patch", defaultValue = "16")
        int patch;

        @Option(names = "--dim", defaultValue = "48")
        int dim;

        @Option(names = "--depth", defaultValue = "2")
        int depth;

        @Option(names = "--heads", defaultValue = "3")
        int heads;

        @Option(names = "--tokens-only", description = "skip the ULTra maps")
        boolean tokensOnly;

        @Option(names = "--max-growth", defaultValue = "5", description = "fail above this RSS growth in %%")
        double maxGrowth;

        @Override
        public Integer call() throws Exception {
            VitConfig c = VitConfig.timmStyle(imageSize, patch, dim, depth, heads, depth);
            SoakBenchmark.Report r = SoakBenchmark.run(
                    c, frames, batch, !tokensOnly, warmUp, Path.of(System.getProperty("java.io.tmpdir")));
            System.out.println(c);
            System.out.print(r.format());
            return r.growthPercent() <= maxGrowth ? 0 : 1;
        }
    }

    @Command(
            name = "pipeline",
            mixinStandardHelpOptions = true,
            description = "Frames/s through the whole topology (embedded broker and registry, exactly_once_v2) next to "
                    + "the model alone, then capture-to-verdict latency at a fixed fraction of that rate or at"
                    + " --open-loop-fps.")
    static final class Pipeline implements Callable<Integer> {
        @Option(names = "--model", defaultValue = "models/line-vit")
        Path model;

        @Option(names = "--seconds", defaultValue = "20", description = "measuring time per figure")
        int seconds;

        @Option(
                names = "--warm-up-seconds",
                defaultValue = "90",
                description = "unmeasured running before the closed loop's figure (JIT warm-up of broker and clients)")
        int warmUpSeconds;

        @Option(names = "--cameras", defaultValue = "4")
        int cameras;

        @Option(
                names = "--stream-threads",
                defaultValue = "1",
                description = "stream threads (line.frames gets as many partitions)")
        int streamThreads;

        @Option(names = "--batch-size", defaultValue = "8")
        int batchSize;

        @Option(
                names = "--window-batches",
                defaultValue = "" + PipelineBenchmark.DEFAULT_WINDOW_BATCHES,
                description = "batches of frames outstanding in the closed loop; more measures capacity rather than"
                        + " the round trip of a small window")
        int windowBatches;

        @Option(names = "--max-wait-ms", defaultValue = "100")
        long maxWaitMs;

        @Option(names = "--calibration-frames", defaultValue = "16")
        int calibrationFrames;

        @Option(names = "--open-loop", defaultValue = "0.7", description = "open-loop rate / sustained rate")
        double openLoop;

        @Option(
                names = "--open-loop-fps",
                defaultValue = "0",
                description = "a fixed open-loop rate in frames/s instead of --open-loop (0: use the fraction), to see"
                        + " whether the pipeline keeps up with a line at that rate")
        double openLoopFps;

        @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
        int threads;

        @Option(
                names = "--parallel-runs",
                defaultValue = "0",
                description = "model session runs in flight at once (0 = one per processor, as serve does)")
        int parallelRuns;

        @Option(
                names = "--commit-interval-ms",
                defaultValue = "100",
                description = "Kafka Streams commit.interval.ms: each commit ends an exactly-once transaction")
        long commitIntervalMs;

        @Option(names = "--defect-rate", defaultValue = "0.1", description = "share of defective frames, in [0, 1]")
        double defectRate;

        @Option(
                names = "--explain",
                defaultValue = "all",
                description = "explanations mode: all, sampled, flagged or none (two-stage unless all)")
        String explain;

        @Option(names = "--sample-every", defaultValue = "20", description = "K: sampled mode explains one frame in K")
        int sampleEvery;

        @Option(names = "--targets", defaultValue = "16", description = "T: maps per explained frame (two-stage)")
        int targets;

        @Option(
                names = "--strategy",
                defaultValue = "anomalous",
                description = "which T tokens: anomalous, representatives or all")
        String strategy;

        @Option(
                names = "--near-threshold",
                defaultValue = "0.1",
                description = "frames within this fraction below the threshold are explained")
        double nearThreshold;

        @Option(
                names = "--raw-pixels",
                defaultValue = "true",
                arity = "1",
                description = "profiles with the raw-pixel channel (true) or tokens only (false)")
        boolean rawPixels;

        @Option(
                names = "--zoom",
                defaultValue = "none",
                description = "the profiles' zoom channel: none, 2 or 3 (the stream's calibrations cut every"
                        + " frame's tiles at that scale)")
        String zoom;

        @Option(
                names = "--model-alone",
                defaultValue = "true",
                fallbackValue = "true",
                negatable = true,
                description = "also time the model alone with all maps of every frame before and after the pipeline;"
                        + " --no-model-alone skips it for large models, where that takes minutes (the tokens-only"
                        + " figure stays)")
        boolean modelAlone;

        @Override
        public Integer call() throws Exception {
            ExplainConfig explainConfig =
                    new ExplainConfig(ExplanationsMode.parse(explain), sampleEvery, targets, strategy, nearThreshold);
            PipelineBenchmark.Settings settings = new PipelineBenchmark.Settings(
                    model,
                    cameras,
                    batchSize,
                    Duration.ofMillis(maxWaitMs),
                    Duration.ofSeconds(seconds),
                    calibrationFrames,
                    openLoop,
                    openLoopFps,
                    threads,
                    Duration.ofMillis(commitIntervalMs),
                    Duration.ofSeconds(warmUpSeconds),
                    streamThreads,
                    parallelRuns,
                    defectRate,
                    explainConfig,
                    rawPixels,
                    windowBatches,
                    modelAlone,
                    benchZoom(zoom));
            PipelineBenchmark.Figures f = new PipelineBenchmark(settings, System.err).run();
            System.out.print(f.format());
            return 0;
        }

        /** none or a fixed scale; {@code auto} would spend minutes of the run choosing. */
        static int benchZoom(String value) {
            Integer scale = io.ultraline.inspect.ZoomChoice.parse(value);
            if (scale == null) {
                throw new IllegalArgumentException("bench pipeline takes --zoom none or a scale, not auto:"
                        + " the choice runs twelve check calibrations per camera");
            }
            return scale;
        }
    }
}
