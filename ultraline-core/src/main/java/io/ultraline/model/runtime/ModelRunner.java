package io.ultraline.model.runtime;

import io.ultraline.model.InvalidModelException;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.ModelSignatures;
import io.ultraline.model.ModelUnavailableException;
import io.ultraline.model.VitConfig;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs a loaded model on batches of preprocessed frames. One instance (one session) serves all
 * threads; tensors are created per call and closed before returning, so callers only see arrays.
 * An explain call is split into session runs ({@link ExplainRuns}); with several parallel runs
 * they go to a pool of that many threads, all sharing the one session.
 */
public final class ModelRunner implements AutoCloseable {

    private final LoadedModel model;
    private final RunnerOptions options;
    private final int parallelRuns;
    private final SessionRunPool pool;

    /** Set first thing in {@link #close}, so that a call racing the close fails as unavailable. */
    private volatile boolean closed;

    private ModelRunner(LoadedModel model, RunnerOptions options) {
        this.model = model;
        this.options = options;
        this.parallelRuns = options.resolvedParallelRuns();
        this.pool = parallelRuns > 1 ? new SessionRunPool(parallelRuns) : null;
        try {
            if (options.warmUp()) {
                warmUp();
            }
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            throw e;
        }
    }

    public static ModelRunner load(Path dir, RunnerOptions options) {
        LoadedModel m = LoadedModel.load(dir, options.sessionIntraOpThreads(), options.sessionInterOpThreads());
        try {
            return new ModelRunner(m, options);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The loaded model itself; package-private since it hands out TensorFlow functions. */
    LoadedModel model() {
        return model;
    }

    /** The loaded model's manifest. */
    public ModelManifest manifest() {
        return model.manifest();
    }

    /** The model directory it was loaded from. */
    public Path directory() {
        return model.directory();
    }

    /** Whether its ultra signature takes a token transform (see {@link LoadedModel#acceptsTransform}). */
    public boolean acceptsTransform() {
        return model.acceptsTransform();
    }

    /** The token transform stored with the model ({@link ModelTransform}), or null when it has none. */
    public TokenTransform storedTransform() {
        return ModelTransform.read(model);
    }

    public VitConfig config() {
        return model.config();
    }

    /** H * W * 3 floats of one frame. */
    public int pixelsPerFrame() {
        int s = config().imageSize();
        return s * s * 3;
    }

    /**
     * Tokens only. images: batch frames NHWC in [0, 1], row-major.
     *
     * @throws ModelUnavailableException when the runner is closed or the device is out of memory
     */
    public List<ModelOutput> tokens(float[] images, int batch) {
        VitConfig c = config();
        requireImages(images, batch);
        requireOpen();
        try (TFloat32 in = TensorIo.floats(images, batch, c.imageSize(), c.imageSize(), 3);
                Result r = model.serving().call(Map.of(ModelSignatures.IMAGES, in))) {
            return frames(perFrame(TensorIo.read(r.get(ModelSignatures.TOKENS).orElseThrow()), batch), null, null);
        } catch (TFResourceExhaustedException e) {
            throw new ModelUnavailableException("the model ran out of memory", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new ModelUnavailableException("the model runner is closed");
        }
    }

    /** Session runs in flight at once (resolved; 1 = each call's batch goes into one run). */
    public int parallelRuns() {
        return parallelRuns;
    }

    /**
     * One frame through each shape of run a call can make, on this thread: the whole batch (with
     * one run at a time), or with parallel runs a frame's targets split and whole (what batches of
     * at least as many frames as runs get), so that the first real batch finds its kernels ready.
     */
    private void warmUp() {
        float[] frame = new float[pixelsPerFrame()];
        int n = config().numPatches();
        List<ExplainRuns.Run> shapes = new ArrayList<>(ExplainRuns.plan(1, n, parallelRuns, options.targetChunk()));
        if (parallelRuns > 1) {
            shapes.addAll(ExplainRuns.plan(parallelRuns, n, parallelRuns, options.targetChunk())
                    .subList(0, 1));
        }
        int[] all = ModelOutput.allTargets(n);
        for (ExplainRuns.Run run : shapes) {
            explain(
                    frame,
                    1,
                    all,
                    new ExplainRuns.Run(0, 1, run.target(), run.targets()),
                    null,
                    new float[1][n][],
                    new float[1][]);
        }
    }

    /**
     * Tokens and all N relevance maps of every frame, in the session runs {@link ExplainRuns} plans.
     *
     * @throws ModelUnavailableException when the runner is closed or the device is out of memory
     */
    public List<ModelOutput> explain(float[] images, int batch) {
        return explain(images, batch, ModelOutput.allTargets(config().numPatches()), null);
    }

    /** As {@link #explain(float[], int, int[], TokenTransform)} with the plain ULTra target. */
    public List<ModelOutput> explain(float[] images, int batch, int[] targets) {
        return explain(images, batch, targets, null);
    }

    /** As {@link #explain(float[], int, int[], TokenTransform)} for all N targets. */
    public List<ModelOutput> explain(float[] images, int batch, TokenTransform transform) {
        return explain(images, batch, ModelOutput.allTargets(config().numPatches()), transform);
    }

    /**
     * Tokens and the relevance maps of the given target tokens, the same targets for every frame
     * (sparse targets: T maps cost about T/N of all of them). The targets' runs are planned as for
     * all maps ({@link ExplainRuns}), over T instead of N.
     *
     * @param targets distinct patch indices in 0..N-1, in any order; frame b's maps[k] is the map of
     *     targets[k]
     * @param transform the token transform W of the ULTra target f_i = ||W z_i|| (issue 19); null or an
     *     identity W gives the plain maps; the tokens returned stay the model's own z
     * @throws IllegalArgumentException when the targets are empty, repeated or outside the grid, or W
     *     does not take the model's token dimension
     * @throws InvalidModelException when W is given and the model's graph predates the transform input
     * @throws ModelUnavailableException when the runner is closed or the device is out of memory
     */
    public List<ModelOutput> explain(float[] images, int batch, int[] targets, TokenTransform transform) {
        requireImages(images, batch);
        int[] checked = requireTargets(targets);
        requireTransform(transform);
        requireOpen();
        try {
            return explainTargets(images, batch, checked, transform);
        } catch (TFResourceExhaustedException e) {
            throw new ModelUnavailableException("the model ran out of memory", e);
        }
    }

    private void requireTransform(TokenTransform transform) {
        if (transform == null) {
            return;
        }
        if (transform.inDim() != config().dim()) {
            throw new IllegalArgumentException("the transform takes " + transform.inDim()
                    + "-dimensional tokens, the model's are " + config().dim());
        }
        if (!model.acceptsTransform()) {
            throw new InvalidModelException("model " + model.directory() + " has no '" + ModelSignatures.TRANSFORM
                    + "' input in its ultra signature (exported before issue 19); run `ultraline model rebuild "
                    + model.directory() + "` to give it one");
        }
    }

    private List<ModelOutput> explainTargets(float[] images, int batch, int[] targets, TokenTransform transform) {
        float[][][] maps = new float[batch][targets.length][];
        float[][] tokens = new float[batch][];
        List<ExplainRuns.Run> runs = ExplainRuns.plan(batch, targets.length, parallelRuns, options.targetChunk());
        if (pool == null || runs.size() == 1) {
            for (ExplainRuns.Run run : runs) {
                explain(images, batch, targets, run, transform, maps, tokens);
            }
        } else {
            List<Runnable> work = new ArrayList<>(runs.size());
            for (ExplainRuns.Run run : runs) {
                work.add(() -> explain(images, batch, targets, run, transform, maps, tokens));
            }
            pool.runAll(work);
        }
        return frames(tokens, maps, targets);
    }

    /**
     * One session run over targets[run.target() ..]; it writes only its own frames' and targets'
     * slots of maps and tokens.
     */
    private void explain(
            float[] images,
            int batch,
            int[] allTargets,
            ExplainRuns.Run run,
            TokenTransform transform,
            float[][][] maps,
            float[][] tokens) {
        VitConfig c = config();
        int n = c.numPatches();
        int per = pixelsPerFrame();
        float[] frames = run.frames() == batch
                ? images
                : Arrays.copyOfRange(images, run.frame() * per, (run.frame() + run.frames()) * per);
        int[] targets = Arrays.copyOfRange(allTargets, run.target(), run.target() + run.targets());
        try (TFloat32 in = TensorIo.floats(frames, run.frames(), c.imageSize(), c.imageSize(), 3);
                TInt32 tg = TensorIo.ints(targets);
                TFloat32 w = UltraFeeds.transform(model, transform);
                Result r = model.ultra().call(UltraFeeds.of(in, tg, w))) {
            float[] rel = TensorIo.read(r.get(ModelSignatures.RELEVANCE).orElseThrow());
            for (int b = 0; b < run.frames(); b++) {
                for (int t = 0; t < targets.length; t++) {
                    maps[run.frame() + b][run.target() + t] =
                            Arrays.copyOfRange(rel, (b * targets.length + t) * n, (b * targets.length + t + 1) * n);
                }
            }
            if (run.target() == 0) {
                float[][] perFrame =
                        perFrame(TensorIo.read(r.get(ModelSignatures.TOKENS).orElseThrow()), run.frames());
                System.arraycopy(perFrame, 0, tokens, run.frame(), run.frames());
            }
        }
    }

    /** A copy of the targets, checked: at least one, distinct, each in 0..N-1. */
    private int[] requireTargets(int[] targets) {
        int n = config().numPatches();
        if (targets == null || targets.length == 0) {
            throw new IllegalArgumentException("at least one target is needed");
        }
        int[] copy = targets.clone();
        boolean[] seen = new boolean[n];
        for (int t : copy) {
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("target " + t + " is outside the patches 0.." + (n - 1));
            }
            if (seen[t]) {
                throw new IllegalArgumentException("target " + t + " is given twice");
            }
            seen[t] = true;
        }
        return copy;
    }

    /** maps and targets null for tokens only. */
    private List<ModelOutput> frames(float[][] tokens, float[][][] maps, int[] targets) {
        VitConfig c = config();
        List<ModelOutput> out = new ArrayList<>(tokens.length);
        for (int b = 0; b < tokens.length; b++) {
            out.add(new ModelOutput(
                    c.numPatches(),
                    c.dim(),
                    tokens[b],
                    maps == null ? null : maps[b],
                    maps == null ? null : targets.clone()));
        }
        return out;
    }

    /** [frames * N * D] tokens to one [N * D] array per frame. */
    private float[][] perFrame(float[] all, int frames) {
        int per = config().numPatches() * config().dim();
        float[][] out = new float[frames][];
        for (int b = 0; b < frames; b++) {
            out[b] = Arrays.copyOfRange(all, b * per, (b + 1) * per);
        }
        return out;
    }

    private void requireImages(float[] images, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        if (images.length != batch * pixelsPerFrame()) {
            int s = config().imageSize();
            throw new IllegalArgumentException("expected " + batch + " frames of " + s + "x" + s + "x3 = "
                    + batch * pixelsPerFrame() + " floats, got " + images.length);
        }
    }

    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
        model.close();
    }
}
