package io.ultraline.bench;

import io.ultraline.frame.RgbImage;
import io.ultraline.model.ModelOutput;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.MaterialFamily;
import io.ultraline.synth.SceneGenerator;
import io.ultraline.synth.SceneKind;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.eval.SparseAgreement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The sparse-target figures of {@code bench model} (issue 21): frames/s of explain with T
 * representative targets, one frame per call with its own targets (what a per-frame strategy
 * gives), and the adjusted Rand index of the T-target concept labels against all N, on
 * procedural scene frames (mosaic, conveyor and tiles in turn; structured, not noise). The
 * agreement may come from another model than the rates (a trained one: random weights draw maps
 * that follow no structure of the frame).
 */
final class SparseFigures {

    static final int[] TARGETS = {8, 16, 32};

    private SparseFigures() {}

    /** Scene frames at the model's size, NHWC in [0, 1], one array per frame. */
    static List<float[]> sceneFrames(int size, int count) {
        SceneKind[] kinds = SceneKind.values();
        List<float[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SceneGenerator g = SceneGenerator.ofFamilies(kinds[i % kinds.length], 21 + i, 3);
            CameraSetup camera = CameraSetup.defaults(MaterialFamily.GRANULAR, 5 + i);
            frames.add(
                    RgbImage.of(g.generate(camera, i, List.of(), size).frame().image())
                            .pixels());
        }
        return frames;
    }

    /**
     * Puts {@code sparse_t<T>_frames_per_s} for each T in {@link #TARGETS} below N: explain with the
     * representatives of each frame's own tokens, one frame per call.
     *
     * @param rate runs its work for the benchmark's measuring time and gives items per second
     */
    static void putRates(
            ModelRunner runner, List<float[]> frames, ToDoubleFunction<IntSupplier> rate, Map<String, Object> out) {
        VitConfig c = runner.config();
        int n = c.numPatches();
        List<float[]> tokens = new ArrayList<>(frames.size());
        for (float[] f : frames) {
            tokens.add(runner.tokens(f, 1).get(0).tokens());
        }
        out.put("sparse_strategy", TargetStrategy.REPRESENTATIVES.key());
        for (int t : TARGETS) {
            if (t >= n) {
                continue;
            }
            List<int[]> targets = new ArrayList<>(frames.size());
            for (float[] frameTokens : tokens) {
                targets.add(TargetStrategy.REPRESENTATIVES.choose(frameTokens, n, c.dim(), t, null));
            }
            int[] next = {0};
            out.put("sparse_t" + t + "_frames_per_s", rate.applyAsDouble(() -> {
                int i = next[0]++ % frames.size();
                runner.explain(frames.get(i), 1, targets.get(i));
                return 1;
            }));
        }
    }

    /**
     * Puts {@code sparse_t<T>_ari_vs_all} for each T in {@link #TARGETS} below N: the mean over the
     * frames of the ARI of the representatives' concept labels against all N maps' (default cut).
     */
    static void putAgreement(ModelRunner runner, List<float[]> frames, Map<String, Object> out) {
        VitConfig c = runner.config();
        int n = c.numPatches();
        int g = c.gridSize();
        UltraSegmenter segmenter = new UltraSegmenter(SegmenterConfig.defaults());
        List<ModelOutput> all = new ArrayList<>(frames.size());
        List<Segmentation> allSegs = new ArrayList<>(frames.size());
        double concepts = 0;
        for (float[] f : frames) {
            ModelOutput t = runner.explain(f, 1).get(0);
            all.add(t);
            allSegs.add(segmenter.segment(t.maps(), t.targets(), t.tokens(), g, g));
            concepts += allSegs.get(allSegs.size() - 1).conceptCount();
        }
        out.put(
                "sparse_ari_model",
                runner.manifest().name() + " " + runner.manifest().version());
        out.put("sparse_ari_frames", frames.size());
        out.put("sparse_ari_all_concepts_mean", concepts / frames.size());
        for (int t : TARGETS) {
            if (t >= n) {
                continue;
            }
            double ari = 0;
            for (int i = 0; i < frames.size(); i++) {
                ModelOutput f = all.get(i);
                int[] chosen = TargetStrategy.REPRESENTATIVES.choose(f.tokens(), n, c.dim(), t, null);
                ari += SparseAgreement.ari(
                        SparseAgreement.sparse(segmenter, f.maps(), f.tokens(), chosen, g, g), allSegs.get(i));
            }
            out.put("sparse_t" + t + "_ari_vs_all", ari / frames.size());
        }
    }
}
