package io.ultraline.evaluation;

import io.ultraline.defect.CoresetSelector;
import io.ultraline.defect.PatchKdTree;
import io.ultraline.defect.PixelScoreMap;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FloatImage;
import io.ultraline.synth.MaterialFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Issue 17, multi-scale inputs: the token channel also on the frame enlarged 2x ({@code -Dzoom=N}:
 * N x) and cut into model-sized tiles, so a token spans 8 px of the frame instead of 16. Exact
 * nearest calibration token (k-d tree over every token), frame score the highest token, each
 * channel divided by the highest held-out calibration frame's score (last quarter against a bank
 * of the first three).
 * With a frames CSV of {@code evaluate --frames-csv}, also the shipped fused score (over its
 * threshold) plus each channel. {@code -DzoomPlain=true} scores each tile's plain view only;
 * {@code -DselfCheck=true} first compares the same scores on the calibration frames alone, with
 * painted defects (see {@link #selfCheck}); {@code -Dpixels=true} measures pixel AUROC instead.
 * Findings: docs/evaluation.md, "The frame enlarged 2x". Not a test; run by hand after
 * {@code mvn test-compile}:
 *
 * <pre>
 * java -DzoomPlain=true -DselfCheck=true -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.evaluation.ZoomStudy DATASET_DIR MODEL_DIR [FRAMES_CSV]
 * </pre>
 */
public final class ZoomStudy {

    /** The enlargement, {@code -Dzoom=N} (default 2): N x N tiles, a token spanning 16 / N px. */
    private static final int ZOOM = Integer.getInteger("zoom", 2);

    private ZoomStudy() {}

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        List<LabelledDataset.TestFrame> test = data.test();
        boolean[] truth = new boolean[test.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = test.get(i).defective();
        }
        int fit = data.calibration().size() * 3 / 4;
        Map<String, float[]> scores = new LinkedHashMap<>();
        int dim;
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            dim = runner.config().dim();
            int side = runner.config().imageSize();
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            if (Boolean.getBoolean("pixels")) {
                pixelStudy(inspector, data, side, dim);
                return;
            }
            if (Boolean.getBoolean("selfCheck")) {
                selfCheck(inspector, data, side, dim);
            }
            for (int zoom : new int[] {1, ZOOM}) {
                List<float[]> good = new ArrayList<>();
                for (Path p : data.calibration()) {
                    good.add(tokens(inspector, LabelledDataset.readImage(p), side, zoom));
                }
                List<float[]> frames = new ArrayList<>();
                for (LabelledDataset.TestFrame t : test) {
                    frames.add(tokens(inspector, LabelledDataset.readImage(t.imagePath()), side, zoom));
                }
                scores.put("tokens x" + zoom, normalised(good, fit, frames, dim));
            }
        }
        float[] one = scores.get("tokens x1");
        float[] two = scores.get("tokens x" + ZOOM);
        float[] both = new float[one.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = one[i] + two[i];
        }
        scores.put("tokens x1 + zoomed", both);
        if (args.length > 2) {
            float[] shipped = shippedScores(Path.of(args[2]), test);
            scores.put("shipped", shipped);
            scores.put("shipped + zoomed", sum(shipped, two, 1f));
            scores.put("shipped + zoomed / 2", sum(shipped, two, 0.5f));
        }
        scores.forEach((name, s) -> System.out.printf(
                Locale.ROOT, "%-20s %-22s %.3f%n", data.root().getFileName(), name, Auroc.of(s, truth)));
    }

    /**
     * The same comparison without labels: the first three quarters of the calibration frames are
     * the calibration, the last quarter's frames are the good test frames, and each of them again
     * with one painted defect of every kind (the generator's painters) the defective ones.
     */
    private static void selfCheck(FrameInspector inspector, LabelledDataset data, int side, int dim) throws Exception {
        List<RgbImage> cal = data.calibrationImages();
        int fit = cal.size() * 3 / 4;
        List<RgbImage> bank = cal.subList(0, fit);
        List<RgbImage> checks = new ArrayList<>();
        List<Boolean> painted = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(17);
        for (RgbImage held : cal.subList(fit, cal.size())) {
            checks.add(held);
            painted.add(false);
            for (DefectType type : DefectType.values()) {
                checks.add(paint(held, type, r));
                painted.add(true);
            }
        }
        boolean[] truth = new boolean[checks.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = painted.get(i);
        }
        ReferenceProfile profile = inspector.calibrate(bank, 1, 8);
        int grid = inspector.runner().config().gridSize();
        float[] shipped = new float[checks.size()];
        for (int i = 0; i < shipped.length; i++) {
            var f = inspector.scan(List.of(checks.get(i))).get(0);
            shipped[i] = inspector
                            .detector()
                            .score(profile, f.scoringTokens(), dim, grid, grid, f.width(), f.height(), f.modelInput())
                            .frameScore()
                    / profile.threshold();
        }
        int inner = fit * 3 / 4;
        List<float[]> good = new ArrayList<>();
        for (RgbImage g : bank) {
            good.add(tokens(inspector, g, side, ZOOM));
        }
        List<float[]> frames = new ArrayList<>();
        for (RgbImage c : checks) {
            frames.add(tokens(inspector, c, side, ZOOM));
        }
        float[] two = normalised(good, inner, frames, dim);
        System.out.printf(
                Locale.ROOT,
                "%-20s self-check: shipped %.3f, shipped + zoomed %.3f, zoomed alone %.3f%n",
                data.root().getFileName(),
                Auroc.of(shipped, truth),
                Auroc.of(sum(shipped, two, 1f), truth),
                Auroc.of(two, truth));
    }

    private static RgbImage paint(RgbImage frame, DefectType type, SplittableRandom r) {
        int n = frame.width();
        FloatImage work = new FloatImage(n);
        float[] px = frame.pixels();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int c = 0; c < 3; c++) {
                    work.set(x, y, c, px[(y * n + x) * 3 + c]);
                }
            }
        }
        type.painter().paint(work, r, MaterialFamily.GRANULAR);
        float[] out = new float[px.length];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                for (int c = 0; c < 3; c++) {
                    out[(y * n + x) * 3 + c] = Math.max(0f, Math.min(1f, work.get(x, y, c)));
                }
            }
        }
        return new RgbImage(n, n, out);
    }

    /**
     * Pixel AUROC of the shipped fused map (a profile calibrated on every calibration frame, as
     * {@code evaluate} does), of the 2x tiles' plain-view token map (16 x 16 cells of 8 px) and of
     * their sums, each map over its channel's threshold, bilinear to the frame's pixels.
     */
    private static void pixelStudy(FrameInspector inspector, LabelledDataset data, int side, int dim) throws Exception {
        List<RgbImage> cal = data.calibrationImages();
        int fit = cal.size() * 3 / 4;
        ReferenceProfile profile = inspector.calibrate(cal, 1, 8);
        int grid = inspector.runner().config().gridSize();
        List<float[]> good = new ArrayList<>();
        for (RgbImage g : cal) {
            good.add(tokens(inspector, g, side, ZOOM, true));
        }
        PatchKdTree heldBank = new PatchKdTree(DatasetEvaluation.concat(good.subList(0, fit)), dim);
        float limit = 0;
        for (float[] held : good.subList(fit, good.size())) {
            limit = Math.max(limit, max(tokenDistances(heldBank, held, dim)));
        }
        PatchKdTree bank = new PatchKdTree(DatasetEvaluation.concat(good), dim);
        List<LabelledDataset.TestFrame> test = data.test();
        int cells = ZOOM * grid;
        Map<String, List<float[]>> maps = new LinkedHashMap<>();
        for (String name : List.of("shipped", "zoomed", "shipped + zoomed", "shipped + zoomed / 2")) {
            maps.put(name, new ArrayList<>());
        }
        List<boolean[]> masks = new ArrayList<>();
        for (LabelledDataset.TestFrame t : test) {
            RgbImage image = LabelledDataset.readImage(t.imagePath());
            var f = inspector.scan(List.of(image)).get(0);
            var a = inspector
                    .detector()
                    .score(profile, f.scoringTokens(), dim, grid, grid, f.width(), f.height(), f.modelInput());
            float[] shipped = a.pixelMap(f.width(), f.height());
            float[] d = tokenDistances(bank, tokens(inspector, image, side, ZOOM, true), dim);
            float[] cellMap = new float[cells * cells];
            for (int tile = 0; tile < ZOOM * ZOOM; tile++) {
                for (int k = 0; k < grid * grid; k++) {
                    int row = (tile / ZOOM) * grid + k / grid;
                    int col = (tile % ZOOM) * grid + k % grid;
                    cellMap[row * cells + col] = d[tile * grid * grid + k] / limit;
                }
            }
            float[] zoom = PixelScoreMap.bilinear(cellMap, cells, cells, f.width(), f.height());
            float[] plain = new float[shipped.length];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = shipped[i] / profile.threshold();
            }
            maps.get("shipped").add(plain);
            maps.get("zoomed").add(zoom);
            maps.get("shipped + zoomed").add(sum(plain, zoom, 1f));
            maps.get("shipped + zoomed / 2").add(sum(plain, zoom, 0.5f));
            masks.add(
                    t.maskPath() == null
                            ? new boolean[f.width() * f.height()]
                            : LabelledDataset.readMask(t.maskPath(), f.width(), f.height()));
        }
        maps.forEach((name, m) -> System.out.printf(
                Locale.ROOT,
                "%-20s pixels %-18s %.3f%n",
                data.root().getFileName(),
                name,
                DatasetEvaluation.pixelAuroc(m, masks)));
    }

    private static float[] tokenDistances(PatchKdTree bank, float[] tokens, int dim) {
        PatchKdTree.Search search = bank.new Search();
        float[] q = new float[dim];
        float[] out = new float[tokens.length / dim];
        for (int t = 0; t < out.length; t++) {
            System.arraycopy(tokens, t * dim, q, 0, dim);
            out[t] = (float) Math.sqrt(search.nearestSquared(q));
        }
        return out;
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static float[] sum(float[] a, float[] b, float weight) {
        float[] out = new float[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + weight * b[i];
        }
        return out;
    }

    /** The frame's scoring tokens at the model's size ({@code zoom} 1) or its tiles' tokens. */
    private static float[] tokens(FrameInspector inspector, RgbImage frame, int side, int zoom) {
        return tokens(inspector, frame, side, zoom, zoom > 1 && Boolean.getBoolean("zoomPlain"));
    }

    /** As above; {@code plain}: each tile's plain view only, a quarter of the forward passes. */
    private static float[] tokens(FrameInspector inspector, RgbImage frame, int side, int zoom, boolean plain) {
        RgbImage big = Resize.to(frame, side * zoom, side * zoom);
        List<RgbImage> tiles = new ArrayList<>();
        for (int ty = 0; ty < zoom; ty++) {
            for (int tx = 0; tx < zoom; tx++) {
                tiles.add(crop(big, tx * side, ty * side, side));
            }
        }
        List<float[]> parts = new ArrayList<>();
        for (var f : plain ? inspector.scanPlainView(tiles) : inspector.scan(tiles)) {
            parts.add(f.scoringTokens());
        }
        return DatasetEvaluation.concat(parts);
    }

    private static RgbImage crop(RgbImage img, int x0, int y0, int side) {
        float[] px = new float[side * side * 3];
        for (int y = 0; y < side; y++) {
            System.arraycopy(img.pixels(), ((y0 + y) * img.width() + x0) * 3, px, y * side * 3, side * 3);
        }
        return new RgbImage(side, side, px);
    }

    private static float[] normalised(List<float[]> good, int fit, List<float[]> frames, int dim) {
        PatchKdTree heldBank = bank(DatasetEvaluation.concat(good.subList(0, fit)), dim);
        float limit = 0;
        for (float[] held : good.subList(fit, good.size())) {
            limit = Math.max(limit, frameScore(heldBank, held, dim));
        }
        PatchKdTree bank = bank(DatasetEvaluation.concat(good), dim);
        float[] s = new float[frames.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = frameScore(bank, frames.get(i), dim) / limit;
        }
        return s;
    }

    /** {@code -DzoomBank=N}: the coreset of N tokens, as a profile would keep; else every token. */
    private static PatchKdTree bank(float[] tokens, int dim) {
        int size = Integer.getInteger("zoomBank", 0);
        if (size <= 0 || tokens.length / dim <= size) {
            return new PatchKdTree(tokens, dim);
        }
        CoresetSelector selector = new CoresetSelector(size, CoresetSelector.DEFAULT_PROJECTION_DIM, 7);
        return new PatchKdTree(CoresetSelector.gather(tokens, dim, selector.select(tokens, dim)), dim);
    }

    private static float frameScore(PatchKdTree bank, float[] tokens, int dim) {
        PatchKdTree.Search search = bank.new Search();
        float[] q = new float[dim];
        float best = 0;
        for (int t = 0; t < tokens.length / dim; t++) {
            System.arraycopy(tokens, t * dim, q, 0, dim);
            best = Math.max(best, search.nearestSquared(q));
        }
        return (float) Math.sqrt(best);
    }

    /** The shipped fused frame score over its threshold, in the test frames' order. */
    private static float[] shippedScores(Path csv, List<LabelledDataset.TestFrame> test) throws Exception {
        Map<String, Float> byImage = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            byImage.put(c[0], Float.parseFloat(c[3]) / Float.parseFloat(c[4]));
        }
        float[] out = new float[test.size()];
        for (int i = 0; i < out.length; i++) {
            Float v = byImage.get(test.get(i).image());
            if (v == null) {
                throw new IllegalArgumentException("no row for " + test.get(i).image() + " in " + csv);
            }
            out[i] = v;
        }
        return out;
    }
}
