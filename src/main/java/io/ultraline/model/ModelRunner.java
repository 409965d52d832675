package io.ultraline.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Runs a loaded model on batches of preprocessed frames. One instance (one session) serves all
 * threads; tensors are created per call and closed before returning, so callers only see arrays.
 */
public final class ModelRunner implements AutoCloseable {

    private final LoadedModel model;
    private final RunnerOptions options;

    public ModelRunner(LoadedModel model, RunnerOptions options) {
        this.model = model;
        this.options = options;
        if (options.warmUp()) {
            explain(new float[pixelsPerFrame()], 1);
        }
    }

    public static ModelRunner load(Path dir, RunnerOptions options) {
        LoadedModel m = LoadedModel.load(dir, options.intraOpThreads(), options.interOpThreads());
        try {
            return new ModelRunner(m, options);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public LoadedModel model() {
        return model;
    }

    public VitConfig config() {
        return model.config();
    }

    /** H * W * 3 floats of one frame. */
    public int pixelsPerFrame() {
        int s = config().imageSize();
        return s * s * 3;
    }

    /** Tokens only. images: batch frames NHWC in [0, 1], row-major. */
    public List<FrameTokens> tokens(float[] images, int batch) {
        VitConfig c = config();
        requireImages(images, batch);
        try (TFloat32 in = TensorIo.floats(images, batch, c.imageSize(), c.imageSize(), 3);
             Result r = model.serving().call(Map.of(ModelSignatures.IMAGES, in))) {
            float[] all = TensorIo.read(r.get(ModelSignatures.TOKENS).orElseThrow());
            return split(all, batch, null);
        }
    }

    /** Tokens and all N relevance maps of every frame, targets chunked by {@link RunnerOptions#targetChunk}. */
    public List<FrameTokens> explain(float[] images, int batch) {
        VitConfig c = config();
        requireImages(images, batch);
        int n = c.numPatches();
        float[][][] maps = new float[batch][n][];
        float[] tokens = null;
        try (TFloat32 in = TensorIo.floats(images, batch, c.imageSize(), c.imageSize(), 3)) {
            for (int from = 0; from < n; from += options.targetChunk()) {
                int count = Math.min(options.targetChunk(), n - from);
                int[] targets = new int[count];
                for (int t = 0; t < count; t++) {
                    targets[t] = from + t;
                }
                try (TInt32 tg = TensorIo.ints(targets);
                     Result r = model.ultra().call(Map.of(ModelSignatures.IMAGES, in, ModelSignatures.TARGETS, tg))) {
                    float[] rel = TensorIo.read(r.get(ModelSignatures.RELEVANCE).orElseThrow());
                    for (int b = 0; b < batch; b++) {
                        for (int t = 0; t < count; t++) {
                            float[] row = new float[n];
                            System.arraycopy(rel, (b * count + t) * n, row, 0, n);
                            maps[b][from + t] = row;
                        }
                    }
                    if (tokens == null) {
                        Tensor tok = r.get(ModelSignatures.TOKENS).orElseThrow();
                        tokens = TensorIo.read(tok);
                    }
                }
            }
        }
        return split(tokens, batch, maps);
    }

    private List<FrameTokens> split(float[] all, int batch, float[][][] maps) {
        VitConfig c = config();
        int per = c.numPatches() * c.dim();
        List<FrameTokens> out = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            float[] t = new float[per];
            System.arraycopy(all, b * per, t, 0, per);
            out.add(new FrameTokens(c.numPatches(), c.dim(), t, maps == null ? null : maps[b]));
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
        model.close();
    }
}
