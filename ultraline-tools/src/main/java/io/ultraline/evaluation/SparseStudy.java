package io.ultraline.evaluation;

import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;
import io.ultraline.ultra.eval.SegmentationScores;
import io.ultraline.ultra.eval.SparseAgreement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sparse against all-target segmentation on a labelled dataset (issue 21): for each strategy and
 * number of targets T, the mean adjusted Rand index of the patch labels against those of all N
 * maps, and, where the dataset has part ids, the concept mIoU against the parts (as
 * {@link ConceptScorecard} scores it), next to the all-target mIoU. Token scores for the anomalous
 * strategy come from a profile calibrated on the dataset's calibration frames.
 */
public final class SparseStudy {

    /** Mean figures of one strategy at one T over the test frames. */
    public record Row(String strategy, int targets, double ariVsAll, double miou, double concepts) {}

    private final FrameInspector inspector;
    private final UltraSegmenter segmenter;
    private final int batch;

    /** Receives every test frame as inspected with all targets, and its part ids (null without). */
    public interface FrameSink {
        void accept(InspectedFrame frame, int[] parts) throws IOException;
    }

    private FrameSink sink = (f, p) -> {};
    private boolean randomBaseline;

    public SparseStudy(FrameInspector inspector, UltraSegmenter segmenter, int batch) {
        this.inspector = inspector;
        this.segmenter = segmenter;
        this.batch = batch;
    }

    /** Adds rows "random": T targets drawn uniformly (seeded by the frame's index). */
    public SparseStudy withRandomBaseline() {
        this.randomBaseline = true;
        return this;
    }

    private static int[] randomTargets(java.util.Random random, int n, int t) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < Math.min(t, n); i++) {
            int j = i + random.nextInt(n - i);
            int swap = all[i];
            all[i] = all[j];
            all[j] = swap;
        }
        int[] chosen = java.util.Arrays.copyOf(all, Math.min(t, n));
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    /** Hands every test frame to {@code sink} as well (to keep the maps for offline study). */
    public SparseStudy withSink(FrameSink sink) {
        this.sink = sink;
        return this;
    }

    /** One row per strategy and T (T >= N gives the all-target row itself), then the all-target row. */
    public List<Row> run(LabelledDataset data, int[] ts, List<TargetStrategy> strategies) throws IOException {
        List<RgbImage> good = data.calibrationImages();
        ReferenceProfile profile = inspector.calibrate(good, 1, 8);
        Map<String, double[]> sums = new LinkedHashMap<>();
        List<LabelledDataset.TestFrame> test = data.test();
        int frames = 0;
        for (int from = 0; from < test.size(); from += batch) {
            List<LabelledDataset.TestFrame> chunk = test.subList(from, Math.min(test.size(), from + batch));
            List<RgbImage> images = new ArrayList<>();
            for (LabelledDataset.TestFrame t : chunk) {
                images.add(LabelledDataset.readImage(t.imagePath()));
            }
            List<InspectedFrame> results = inspector.inspect(images, profile);
            for (int k = 0; k < chunk.size(); k++) {
                InspectedFrame r = results.get(k);
                int[] truth = chunk.get(k).partsPath() == null
                        ? null
                        : LabelledDataset.readParts(chunk.get(k).partsPath(), r.width(), r.height());
                Segmentation all = r.segmentation();
                sink.accept(r, truth);
                add(sums, "all", 0, all, all, truth, r);
                for (TargetStrategy s : strategies) {
                    for (int t : ts) {
                        Segmentation sparse = SparseAgreement.sparse(
                                segmenter,
                                r.modelOutput().maps(),
                                r.modelOutput().tokens(),
                                r.modelOutput().dim(),
                                s,
                                t,
                                r.assessment().tokenScores(),
                                all.gridHeight(),
                                all.gridWidth());
                        add(sums, s.key(), t, sparse, all, truth, r);
                    }
                }
                if (randomBaseline) {
                    // how much the all-target labels move when maps go missing by chance: the floor
                    // any choice of targets should beat
                    java.util.Random random = new java.util.Random(frames);
                    for (int t : ts) {
                        Segmentation sparse = SparseAgreement.sparse(
                                segmenter,
                                r.modelOutput().maps(),
                                r.modelOutput().tokens(),
                                randomTargets(random, all.gridHeight() * all.gridWidth(), t),
                                all.gridHeight(),
                                all.gridWidth());
                        add(sums, "random", t, sparse, all, truth, r);
                    }
                }
                frames++;
            }
        }
        List<Row> rows = new ArrayList<>();
        int n = frames;
        sums.forEach((key, v) -> {
            String[] parts = key.split("@");
            rows.add(new Row(parts[0], Integer.parseInt(parts[1]), v[0] / n, v[1] / n, v[2] / n));
        });
        return rows;
    }

    private static void add(
            Map<String, double[]> sums,
            String strategy,
            int t,
            Segmentation s,
            Segmentation all,
            int[] truth,
            InspectedFrame r) {
        double[] v = sums.computeIfAbsent(strategy + "@" + t, x -> new double[3]);
        v[0] += SparseAgreement.ari(s, all);
        if (truth != null) {
            int[] pixels = MaskUpsampling.upsample(s.labels(), s.gridHeight(), s.gridWidth(), r.width(), r.height());
            v[1] += SegmentationScores.of(pixels, truth).miou();
        } else {
            v[1] = Double.NaN;
        }
        v[2] += s.conceptCount();
    }

    /**
     * Seconds per frame of explain, one frame per call, over the given frames; {@code targets} holds
     * each frame's own targets, or is null for all N maps.
     */
    public static double explainSeconds(ModelRunner runner, List<float[]> frames, List<int[]> targets, int repeats) {
        for (int i = 0; i < frames.size(); i++) {
            explain(runner, frames.get(i), targets == null ? null : targets.get(i));
        }
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < frames.size(); i++) {
                explain(runner, frames.get(i), targets == null ? null : targets.get(i));
            }
        }
        return (System.nanoTime() - start) / 1e9 / (repeats * frames.size());
    }

    private static void explain(ModelRunner runner, float[] frame, int[] targets) {
        if (targets == null) {
            runner.explain(frame, 1);
        } else {
            runner.explain(frame, 1, targets);
        }
    }
}
