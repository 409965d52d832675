package io.ultraline.evaluation;

import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.defect.eval.RawPixelKnn;
import io.ultraline.frame.Resize;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scoring ideas for issue 17, measured before any goes into the product, by image AUROC
 * overall and per defect type. Exact (exhaustive) nearest neighbours, no coreset, so only the
 * idea is compared:
 * <ul>
 *   <li><b>Place:</b> a token compared only with calibration tokens of the same shifted view and
 *       the same grid cell (radius 0) or its 8 neighbours (radius 1), against all of them. On a
 *       fixed design (a circuit board) a hole looks like a chip elsewhere on the board but not
 *       like what belongs at its place.
 *   <li><b>k nearest:</b> a token scores the mean distance to its 3 or 8 nearest calibration
 *       tokens instead of the nearest one, which smooths a stochastic texture's sparse corners of
 *       token space. {@code -DtokensOnly=true} stops after the token figures.
 *   <li><b>Scale:</b> the raw-pixel anchor (8 x 8 patches, stride 4) also on the frame box-averaged
 *       to 64 and 32 px, so a patch spans 16 and 32 px of the frame: a smooth dark hole on dark
 *       granite is flat inside at 8 px, as granite's dark spots are, but not at 32 px.
 * </ul>
 * Each channel's scores are divided by the highest score of the last quarter of the calibration
 * frames against a bank of the first three quarters; fusions add the normalised scores, as the
 * profile's mean does. Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.evaluation.DetectionStudy DATASET_DIR MODEL_DIR
 * </pre>
 */
public final class DetectionStudy {

    private static final int SIZE = 128;

    private DetectionStudy() {}

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        List<LabelledDataset.TestFrame> test = data.test();
        boolean[] truth = new boolean[test.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = test.get(i).defective();
        }
        int fit = data.calibration().size() * 3 / 4;
        Map<String, float[]> scores = new java.util.LinkedHashMap<>();
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = new FrameInspector(
                    runner,
                    new UltraSegmenter(SegmenterConfig.defaults()),
                    new DefectDetector(ProfileConfig.defaults(), DefectDetector.defaultRegionFinder()),
                    runner.manifest().shifts());
            TokenPlaces places =
                    new TokenPlaces(runner.config().gridSize(), runner.config().dim());
            List<float[]> good = new ArrayList<>();
            for (Path p : data.calibration()) {
                good.add(inspector
                        .scan(List.of(LabelledDataset.readImage(p)))
                        .get(0)
                        .scoringTokens());
            }
            List<float[]> frames = new ArrayList<>();
            for (LabelledDataset.TestFrame t : test) {
                frames.add(inspector
                        .scan(List.of(LabelledDataset.readImage(t.imagePath())))
                        .get(0)
                        .scoringTokens());
            }
            for (int radius : new int[] {-1, 0, 1}) {
                int r = radius;
                scores.put(
                        radius < 0 ? "tokens, anywhere" : "tokens, place radius " + radius,
                        normalised(good, fit, frames, (frame, bank) -> places.frameScore(frame, bank, r)));
            }
            for (int k : new int[] {3, 8}) {
                scores.put(
                        "tokens, anywhere, k " + k,
                        normalised(good, fit, frames, (frame, bank) -> places.frameScoreK(frame, bank, k)));
            }
        }
        if (Boolean.getBoolean("tokensOnly")) {
            DefectTypes tokenTypes = DefectTypes.read(data.root());
            scores.forEach((name, s) -> report(data.root().getFileName() + " " + name, s, truth, test, tokenTypes));
            return;
        }
        List<float[]> good = new ArrayList<>();
        for (Path p : data.calibration()) {
            good.add(Resize.to(LabelledDataset.readImage(p), SIZE, SIZE).pixels());
        }
        List<float[]> frames = new ArrayList<>();
        for (LabelledDataset.TestFrame t : test) {
            frames.add(Resize.to(LabelledDataset.readImage(t.imagePath()), SIZE, SIZE)
                    .pixels());
        }
        for (int side : new int[] {128, 64, 32}) {
            scores.put("raw pixels at " + side + " px", rawScores(good, frames, fit, side));
        }
        float[] tokens = scores.get("tokens, anywhere");
        float[] raw = scores.get("raw pixels at 128 px");
        float[] multi = new float[test.size()];
        float[] fused = new float[test.size()];
        float[] fusedMulti = new float[test.size()];
        for (int i = 0; i < multi.length; i++) {
            multi[i] = Math.max(
                    raw[i], Math.max(scores.get("raw pixels at 64 px")[i], scores.get("raw pixels at 32 px")[i]));
            fused[i] = tokens[i] + raw[i];
            fusedMulti[i] = tokens[i] + multi[i];
        }
        scores.put("raw pixels, max of 3 scales", multi);
        scores.put("fused: tokens + raw 128", fused);
        scores.put("fused: tokens + raw, 3 scales", fusedMulti);
        DefectTypes types = DefectTypes.read(data.root());
        scores.forEach((name, s) -> report(data.root().getFileName() + " " + name, s, truth, test, types));
    }

    /** Test frames' scores over the highest held-out calibration frame's (first {@code fit} as its bank). */
    private static float[] normalised(
            List<float[]> good,
            int fit,
            List<float[]> frames,
            java.util.function.BiFunction<float[], List<float[]>, Float> score) {
        float limit = 0;
        for (float[] held : good.subList(fit, good.size())) {
            limit = Math.max(limit, score.apply(held, good.subList(0, fit)));
        }
        float[] s = new float[frames.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = score.apply(frames.get(i), good) / limit;
        }
        return s;
    }

    private static float[] rawScores(List<float[]> good, List<float[]> frames, int fit, int side) {
        int factor = SIZE / side;
        // a 32 px frame has 7 patches a side at stride 4; stride 2 keeps the footprint step at 8 px
        int stride = side == 32 ? 2 : 4;
        List<float[]> g = good.stream().map(f -> boxAverage(f, factor)).toList();
        float limit = 0;
        for (RawPixelKnn.Scores s :
                RawPixelKnn.fit(g.subList(0, fit), side, side, 8, stride).scoreAll(g.subList(fit, g.size()))) {
            limit = Math.max(limit, s.imageScore());
        }
        List<RawPixelKnn.Scores> all = RawPixelKnn.fit(g, side, side, 8, stride)
                .scoreAll(frames.stream().map(f -> boxAverage(f, factor)).toList());
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i).imageScore() / limit;
        }
        return out;
    }

    /** A {@code SIZE}-px RGB frame averaged over {@code factor x factor} blocks. */
    private static float[] boxAverage(float[] rgb, int factor) {
        if (factor == 1) {
            return rgb;
        }
        int side = SIZE / factor;
        float[] out = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        for (int dx = 0; dx < factor; dx++) {
                            sum += rgb[((y * factor + dy) * SIZE + x * factor + dx) * 3 + c];
                        }
                    }
                    out[(y * side + x) * 3 + c] = sum / (factor * factor);
                }
            }
        }
        return out;
    }

    private static void report(
            String name, float[] s, boolean[] truth, List<LabelledDataset.TestFrame> test, DefectTypes types) {
        DetectionByType byType = new DetectionByType();
        for (int i = 0; i < s.length; i++) {
            byType.frame(
                    s[i], truth[i], false, truth[i] ? types.typesIn(test.get(i).image()) : Set.of());
        }
        Map<String, String> rounded = new TreeMap<>();
        byType.imageAuroc().forEach((k, v) -> rounded.put(k, String.format(Locale.ROOT, "%.2f", v)));
        System.out.printf(Locale.ROOT, "%-45s %.3f %s%n", name, Auroc.of(s, truth), rounded);
    }

    /** Exact nearest-neighbour token scores, anywhere in the calibration frames or only at the same place. */
    private record TokenPlaces(int grid, int dim) {

        /** Highest token score of one frame's scoring tokens (k x k views of grid x grid tokens). */
        float frameScore(float[] frame, List<float[]> good, int radius) {
            int n = grid * grid;
            int views = frame.length / (n * dim);
            float max = 0;
            for (int v = 0; v < views; v++) {
                for (int c = 0; c < n; c++) {
                    max = Math.max(max, nearest(frame, v * n + c, good, views, c, radius));
                }
            }
            return max;
        }

        /** Highest token score, a token scoring the mean distance to its k nearest good tokens (any view, cell). */
        float frameScoreK(float[] frame, List<float[]> good, int k) {
            int n = grid * grid;
            int views = frame.length / (n * dim);
            float max = 0;
            for (int q = 0; q < views * n; q++) {
                float[] best = new float[k];
                java.util.Arrays.fill(best, Float.MAX_VALUE);
                for (float[] g : good) {
                    for (int t = 0; t < views * n; t++) {
                        float d = 0;
                        int a = q * dim;
                        int b = t * dim;
                        for (int c = 0; c < dim; c++) {
                            float x = frame[a + c] - g[b + c];
                            d += x * x;
                        }
                        if (d < best[k - 1]) { // insertion into the k smallest so far
                            int j = k - 1;
                            while (j > 0 && best[j - 1] > d) {
                                best[j] = best[j - 1];
                                j--;
                            }
                            best[j] = d;
                        }
                    }
                }
                float sum = 0;
                for (float b : best) {
                    sum += (float) Math.sqrt(b);
                }
                max = Math.max(max, sum / k);
            }
            return max;
        }

        /** Distance of token {@code q} to its nearest good token; radius < 0: any view and cell. */
        private float nearest(float[] frame, int q, List<float[]> good, int views, int cell, int radius) {
            int n = grid * grid;
            int view = q / n;
            float best = Float.MAX_VALUE;
            for (float[] g : good) {
                for (int v = 0; v < views; v++) {
                    if (radius >= 0 && v != view) {
                        continue;
                    }
                    for (int c = 0; c < n; c++) {
                        if (radius >= 0
                                && (Math.abs(c / grid - cell / grid) > radius
                                        || Math.abs(c % grid - cell % grid) > radius)) {
                            continue;
                        }
                        float d = 0;
                        int a = q * dim;
                        int b = (v * n + c) * dim;
                        for (int k = 0; k < dim; k++) {
                            float x = frame[a + k] - g[b + k];
                            d += x * x;
                        }
                        best = Math.min(best, d);
                    }
                }
            }
            return (float) Math.sqrt(best);
        }
    }
}
