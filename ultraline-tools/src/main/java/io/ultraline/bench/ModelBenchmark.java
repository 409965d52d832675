package io.ultraline.bench;

import io.ultraline.files.DirectoryTrees;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import io.ultraline.model.graph.FlopCount;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.runtime.SessionBaselines;
import io.ultraline.model.weights.RandomVitWeights;
import io.ultraline.model.weights.VitWeights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Measures the model on this machine: tokens-only frames/s, all-maps frames/s with targets
 * batched in one run, the one-target-per-run loop in the same engine, and achieved GFLOP/s next
 * to a plain 1024^3 MatMul measured in the same process.
 */
public final class ModelBenchmark {

    /** Figures of one run; every rate is frames (or GFLOP) per second. */
    public record Figures(Map<String, Object> values) {
        public String format() {
            StringBuilder b = new StringBuilder();
            values.forEach((k, v) ->
                    b.append(String.format("%-34s %s%n", k, v instanceof Double d ? String.format("%.3f", d) : v)));
            return b.toString();
        }
    }

    private final VitConfig config;
    private final int intraThreads;
    private final int interThreads;
    private final int parallelRuns;
    private final double seconds;
    private int ariFrames = 6;
    private boolean withReplicated = true;
    private Path ariModel;
    private int[] allMapsBatches = {1, 4, 8};

    /** Threads and parallel runs as in {@link RunnerOptions}, 0 for auto (what {@code serve} does). */
    public ModelBenchmark(VitConfig config, int intraThreads, int interThreads, int parallelRuns, double seconds) {
        this.config = config;
        this.intraThreads = intraThreads;
        this.interThreads = interThreads;
        this.parallelRuns = parallelRuns;
        this.seconds = seconds;
    }

    /** Scene frames the sparse figures' ARI is averaged over (issue 21). */
    public ModelBenchmark withAriFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("at least one frame is needed for the ARI, got " + frames);
        }
        this.ariFrames = frames;
        return this;
    }

    /** The model the sparse_t*_ari_vs_all figures use (null: the benchmark's random one). */
    public ModelBenchmark withAriModel(Path dir) {
        this.ariModel = dir;
        return this;
    }

    /** Frames per call of the all-maps figures (default 1, 4 and 8; the replicated ratios need 1). */
    public ModelBenchmark withAllMapsBatches(int... batches) {
        if (batches.length == 0 || java.util.Arrays.stream(batches).anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException(
                    "all-maps batches must be >= 1, got " + java.util.Arrays.toString(batches));
        }
        this.allMapsBatches = batches.clone();
        return this;
    }

    /** Leaves out the replicated variant and the per-target loop (minutes a frame at ViT-S size). */
    public ModelBenchmark withoutReplicated() {
        this.withReplicated = false;
        return this;
    }

    public Figures run(Path workDir, int tokenBatch) throws Exception {
        if (withReplicated && java.util.Arrays.stream(allMapsBatches).noneMatch(b -> b == 1)) {
            throw new IllegalArgumentException("the replicated ratios compare one frame per call: all-maps batches "
                    + "must include 1, or leave out the replicated variant");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", config.toString());
        RunnerOptions options = RunnerOptions.defaults()
                .withIntraOpThreads(intraThreads)
                .withInterOpThreads(interThreads)
                .withTargetChunk(config.numPatches())
                .withParallelRuns(parallelRuns);
        out.put("parallel_runs", options.resolvedParallelRuns());
        out.put("intra_op_threads", options.sessionIntraOpThreads());
        out.put("inter_op_threads", options.sessionInterOpThreads());
        Path dir = Files.createTempDirectory(workDir, "bench-model");
        VitWeights weights = RandomVitWeights.create(config, 1, 3f);
        ModelExporter.Identity id = new ModelExporter.Identity("bench", "0", Map.of("source", "random"), "none");
        ModelExporter.export(config, weights, id, dir.resolve("fast"), UltraVariant.FAST);
        if (withReplicated) {
            ModelExporter.export(config, weights, id, dir.resolve("replicated"), UltraVariant.REPLICATED);
        }
        double matmul = SessionBaselines.matmulGflops(intraThreads, this::rate);
        out.put("matmul_1024_gflop_per_s", matmul);
        try (ModelRunner fast = ModelRunner.load(dir.resolve("fast"), options)) {
            float[] many = randomFrames(tokenBatch);
            out.put("tokens_only_frames_per_s", rate(() -> {
                fast.tokens(many, tokenBatch);
                return tokenBatch;
            }));
            out.put("token_batch", tokenBatch);
            for (int b : allMapsBatches) {
                float[] frames = randomFrames(b);
                double fps = rate(() -> {
                    fast.explain(frames, b);
                    return b;
                });
                out.put("fast_all_maps_frames_per_s_b" + b, fps);
                out.put("rss_after_fast_b" + b + "_mib", SoakBenchmark.rssKib() / 1024);
            }
            SparseFigures.putRates(fast, SparseFigures.sceneFrames(config.imageSize(), ariFrames), this::rate, out);
            if (ariModel == null) {
                SparseFigures.putAgreement(fast, SparseFigures.sceneFrames(config.imageSize(), ariFrames), out);
            }
        }
        if (ariModel != null) {
            try (ModelRunner named = ModelRunner.load(ariModel, options)) {
                SparseFigures.putAgreement(
                        named, SparseFigures.sceneFrames(named.config().imageSize(), ariFrames), out);
            }
        }
        if (!withReplicated) {
            out.put("peak_rss_mib", SoakBenchmark.peakRssKib() / 1024);
            DirectoryTrees.delete(dir);
            return new Figures(out);
        }
        try (ModelRunner replicated = ModelRunner.load(dir.resolve("replicated"), options)) {
            float[] one = randomFrames(1);
            double repFps = rate(() -> {
                replicated.explain(one, 1);
                return 1;
            });
            // the loop a user would write: one plain session, TensorFlow's own threading
            double loopFps = SessionBaselines.perTokenLoopRate(dir.resolve("replicated"), one, this::rate);
            double fastFps = (Double) out.get("fast_all_maps_frames_per_s_b1");
            double bestFast = 0;
            for (int b : allMapsBatches) {
                bestFast = Math.max(bestFast, (Double) out.get("fast_all_maps_frames_per_s_b" + b));
            }
            out.put("replicated_all_maps_frames_per_s", repFps);
            out.put("loop_one_target_per_run_frames_per_s", loopFps);
            out.put("fast_b1_over_replicated", fastFps / repFps);
            out.put("fast_best_over_loop", bestFast / loopFps);
            out.put("replicated_over_loop", repFps / loopFps);
            double fwd = FlopCount.forward(config);
            double bwd = FlopCount.backwardOneTarget(config);
            out.put("forward_mflop", fwd / 1e6);
            out.put("backward_one_target_mflop", bwd / 1e6);
            out.put("replicated_gflop_per_frame", FlopCount.replicatedAllMaps(config) / 1e9);
            out.put("replicated_achieved_gflop_per_s", FlopCount.replicatedAllMaps(config) * repFps / 1e9);
            out.put("replicated_achieved_over_matmul", FlopCount.replicatedAllMaps(config) * repFps / 1e9 / matmul);
            out.put("fast_gflop_per_frame_upper_bound", FlopCount.fastAllMaps(config) / 1e9);
            out.put("fast_b1_achieved_gflop_per_s", FlopCount.fastAllMaps(config) * fastFps / 1e9);
            out.put("peak_rss_mib", SoakBenchmark.peakRssKib() / 1024);
        } finally {
            DirectoryTrees.delete(dir);
        }
        return new Figures(out);
    }

    /** Runs the work repeatedly for about {@code seconds} after one warm-up; returns items per second. */
    private double rate(IntSupplier work) {
        work.getAsInt();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        long items = 0;
        do {
            items += work.getAsInt();
        } while (System.nanoTime() < deadline);
        return items / ((System.nanoTime() - start) / 1e9);
    }

    private float[] randomFrames(int count) {
        int s = config.imageSize();
        return randomFloats(count * s * s * 3, 7);
    }

    private static float[] randomFloats(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
