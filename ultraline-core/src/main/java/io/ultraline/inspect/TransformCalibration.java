package io.ultraline.inspect;

import io.ultraline.frame.RgbImage;
import io.ultraline.model.ModelOutput;
import io.ultraline.ultra.transform.ConsistencyStatistics;
import io.ultraline.ultra.transform.ConsistencyTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Learns a token transform W from a camera's good frames (issue 19, first cut): the model's tokens
 * of every frame and of {@value #VIEWS} augmented views of it (brightness, colour balance, offset,
 * noise, and a horizontal flip half the time, whose token correspondence is known) feed
 * {@link ConsistencyStatistics}; {@link ConsistencyTrainer} then fits W.
 */
public final class TransformCalibration {

    static final int VIEWS = 2;

    /** Seed of the augmentations the service learns a camera's W from: fixed, so an audit learns the same W. */
    public static final long SEED = 19;

    private static final int BATCH = 8;

    private TransformCalibration() {}

    /** W for the inspector's model from a camera's good frames; {@code seed} draws the augmentations. */
    public static ConsistencyTrainer.Result learn(FrameInspector inspector, List<RgbImage> good, long seed) {
        var runner = inspector.runner();
        int grid = runner.config().gridSize();
        int size = runner.config().imageSize();
        int per = runner.pixelsPerFrame();
        ConsistencyStatistics stats = new ConsistencyStatistics(runner.config().dim());
        SplittableRandom r = new SplittableRandom(seed);
        for (int from = 0; from < good.size(); from += BATCH) {
            List<RgbImage> chunk = good.subList(from, Math.min(good.size(), from + BATCH));
            int n = chunk.size() * (1 + VIEWS);
            float[] input = new float[n * per];
            List<int[]> matches = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                float[] plain = inspector.modelInput(chunk.get(i));
                System.arraycopy(plain, 0, input, i * (1 + VIEWS) * per, per);
                for (int v = 1; v <= VIEWS; v++) {
                    boolean flip = r.nextBoolean();
                    float[] view = augment(plain, size, flip, r);
                    System.arraycopy(view, 0, input, (i * (1 + VIEWS) + v) * per, per);
                    matches.add(flip ? flippedColumns(grid) : sameTokens(grid));
                }
            }
            List<ModelOutput> tokens = runner.tokens(input, n);
            for (int i = 0; i < chunk.size(); i++) {
                float[] plain = tokens.get(i * (1 + VIEWS)).tokens();
                stats.addFrame(plain, grid, grid);
                for (int v = 1; v <= VIEWS; v++) {
                    stats.addViews(plain, tokens.get(i * (1 + VIEWS) + v).tokens(), matches.get(i * VIEWS + v - 1));
                }
            }
        }
        return ConsistencyTrainer.defaults().train(stats);
    }

    /** Photometric jitter of an HWC [0, 1] image, mirrored left-right when {@code flip}. */
    static float[] augment(float[] rgb, int size, boolean flip, SplittableRandom r) {
        double gain = 0.75 + 0.5 * r.nextDouble();
        double[] channel = {0.9 + 0.2 * r.nextDouble(), 0.9 + 0.2 * r.nextDouble(), 0.9 + 0.2 * r.nextDouble()};
        double offset = 0.12 * r.nextDouble() - 0.06;
        float[] out = new float[rgb.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int src = 3 * (y * size + (flip ? size - 1 - x : x));
                int dst = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    double v = rgb[src + c] * gain * channel[c] + offset + 0.02 * (r.nextDouble() * 2 - 1);
                    out[dst + c] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return out;
    }

    private static int[] sameTokens(int grid) {
        int[] m = new int[grid * grid];
        for (int t = 0; t < m.length; t++) {
            m[t] = t;
        }
        return m;
    }

    /** Token (row, col) of a frame is token (row, grid - 1 - col) of its mirror image. */
    static int[] flippedColumns(int grid) {
        int[] m = new int[grid * grid];
        for (int t = 0; t < m.length; t++) {
            m[t] = (t / grid) * grid + grid - 1 - t % grid;
        }
        return m;
    }
}
