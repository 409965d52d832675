package io.ultraline.evaluation;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.AppearanceChannel;
import io.ultraline.defect.CoresetSelector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.MemoryBank;
import io.ultraline.defect.PixelScoreMap;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.ShiftedGridScores;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue 17: the token channel scored by place, inside the shipped fusion, and a label-free switch
 * that says per camera whether place helps. Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.evaluation.PlaceBankStudy MODEL_DIR DATASET_DIR...
 * </pre>
 *
 * <p>Per dataset it prints one row:
 * <ul>
 *   <li><b>switch</b>: from the calibration frames alone. The first three quarters are a bank, the
 *       last quarter is held out; for every held-out token, (distance to the nearest bank token of
 *       the same shifted view and grid cell) / (distance to the nearest bank token anywhere); the
 *       median of the ratios. 1 means the nearest normal token of a new good frame already sits at
 *       its own place (a fixed design); above 1 means a good frame's tokens find their match
 *       elsewhere (a random surface, where place scoring raises the scores of good frames).
 *   <li><b>at home</b>: the share of those held-out tokens whose nearest token anywhere is also
 *       the nearest at their own place (the median ratio is 1 exactly when this is at least half).
 *   <li><b>shipped</b>: the profile and fusion exactly as {@code evaluate} runs them
 *       ({@link FrameInspector#standard}, coreset bank, raw-pixel channel), image and pixel AUROC.
 *   <li><b>place r</b>: the same frames and the same raw-pixel channel, with the token channel's
 *       distances taken only to calibration tokens of the same view and of the cells within
 *       {@code r} rows and columns (exact, every calibration token). Its threshold is calibrated as
 *       the profile's is (5 contiguous folds held out, 0.99 quantile times 1.1), and the fusion is
 *       the profile's: mean of the token score and the pixel score scaled by token threshold over
 *       pixel threshold, for the frame score and for the pixel map.
 *   <li><b>anywhere (exact)</b>: the same re-implemented fusion with exact distances to every
 *       calibration token, which separates the effect of place from that of the coreset.
 *   <li><b>bounded</b>: radius 0 with each place's tokens reduced by greedy coreset selection to
 *       what the profile's record holds: the shipped token bank's size shared by all places
 *       (float32), or four times as many tokens rounded to 8 bits a component, which take the same
 *       bytes. The held-out folds are reduced the same way before the threshold is taken.
 * </ul>
 */
public final class PlaceBankStudy {

    private static final int FOLDS = 5;
    private static final float QUANTILE = 0.99f;
    private static final float MARGIN = 1.1f;

    private PlaceBankStudy() {}

    public static void main(String[] args) throws Exception {
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[0]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            System.out.println("| surface | switch (median ratio) | at home | shipped | anywhere (exact) | place r 0 "
                    + "| place r 1 | r 0, bounded | r 0, bounded, 4x tokens at 8 bits | tokens per place |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            for (int a = 1; a < args.length; a++) {
                System.out.println(row(inspector, LabelledDataset.open(Path.of(args[a]))));
            }
        }
    }

    private static String row(FrameInspector inspector, LabelledDataset data) throws Exception {
        List<RgbImage> goodImages = data.calibrationImages();
        List<InspectedFrame> good = new ArrayList<>();
        for (RgbImage image : goodImages) {
            good.add(inspector.scan(List.of(image)).get(0));
        }
        List<LabelledDataset.TestFrame> test = data.test();
        List<InspectedFrame> frames = new ArrayList<>();
        boolean[] truth = new boolean[test.size()];
        List<boolean[]> masks = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            LabelledDataset.TestFrame t = test.get(i);
            InspectedFrame f = inspector
                    .scan(List.of(LabelledDataset.readImage(t.imagePath())))
                    .get(0);
            frames.add(f);
            truth[i] = t.defective();
            masks.add(
                    t.maskPath() == null
                            ? new boolean[f.width() * f.height()]
                            : LabelledDataset.readMask(t.maskPath(), f.width(), f.height()));
        }
        int dim = inspector.runner().config().dim();
        int grid = inspector.runner().config().gridSize();
        Places places = new Places(grid, dim, inspector.shifts());
        List<float[]> goodTokens =
                good.stream().map(InspectedFrame::scoringTokens).toList();

        ReferenceProfile profile = inspector.calibrate(goodImages, 1, 8);
        float[] shippedFrame = new float[frames.size()];
        List<float[]> shippedPixels = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            InspectedFrame f = frames.get(i);
            FrameAssessment a = inspector
                    .detector()
                    .score(profile, f.scoringTokens(), dim, grid, grid, f.width(), f.height(), f.modelInput());
            shippedFrame[i] = a.frameScore();
            shippedPixels.add(a.pixelMap(f.width(), f.height()));
        }
        StringBuilder out = new StringBuilder("| " + data.root().getFileName() + " | "
                + String.format(Locale.ROOT, "%.3f", places.switchStatistic(goodTokens)) + " | "
                + String.format(Locale.ROOT, "%.2f", places.atHome(goodTokens)) + " | "
                + aurocs(shippedFrame, truth, shippedPixels, masks));
        for (int radius : new int[] {-1, 0, 1}) {
            out.append(" | ").append(fused(places, radius, goodTokens, frames, profile.appearance(), truth, masks, 0));
        }
        // the profile's token budget shared by the places: what a record of 1 MB can hold
        int placeCount = grid * grid * inspector.shifts() * inspector.shifts();
        // -DperPlace=N forces the float32 column's budget, to see how the gain grows with it
        int perPlace = Integer.getInteger("perPlace", profile.bankSize() / placeCount);
        out.append(" | ").append(fused(places, 0, goodTokens, frames, profile.appearance(), truth, masks, perPlace));
        // the same bytes hold four times the tokens at 8 bits a component
        out.append(" | ")
                .append(fused(
                        places,
                        0,
                        goodTokens,
                        frames,
                        profile.appearance(),
                        truth,
                        masks,
                        -4 * profile.bankSize() / placeCount));
        out.append(" | ").append(perPlace);
        return out.append(" |").toString();
    }

    /** Image / pixel AUROC of the shipped fusion with the token channel's distances by {@code radius}. */
    private static String fused(
            Places places,
            int radius,
            List<float[]> good,
            List<InspectedFrame> frames,
            AppearanceChannel pixels,
            boolean[] truth,
            List<boolean[]> masks,
            int perPlace) {
        float tokenThreshold = places.threshold(good, radius, perPlace);
        List<float[]> bank = perPlace == 0 ? good : places.bounded(good, perPlace);
        float scale = tokenThreshold / Math.max(pixels.threshold(), 1e-6f);
        float[] frameScores = new float[frames.size()];
        List<float[]> maps = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            InspectedFrame f = frames.get(i);
            ShiftedGridScores tokens = ShiftedGridScores.of(
                    places.distances(f.scoringTokens(), bank, radius), places.grid, places.grid, places.shifts);
            AppearanceBank.Scores raw = pixels.score(f.modelInput());
            int side = pixels.bank().imageSize();
            int fine = places.grid * places.shifts;
            float[] map = PixelScoreMap.bilinear(tokens.fineMean(), fine, fine, side, side);
            float[] rawMap = raw.pixelScores();
            for (int p = 0; p < map.length; p++) {
                map[p] = (map[p] + rawMap[p] * scale) / 2f;
            }
            frameScores[i] = (tokens.frameScore() + raw.frameScore() * scale) / 2f;
            maps.add(PixelScoreMap.bilinear(map, side, side, f.width(), f.height()));
        }
        return aurocs(frameScores, truth, maps, masks);
    }

    private static String aurocs(float[] frameScores, boolean[] truth, List<float[]> maps, List<boolean[]> masks) {
        int n = maps.stream().mapToInt(m -> m.length).sum();
        float[] all = new float[n];
        boolean[] positive = new boolean[n];
        int at = 0;
        for (int i = 0; i < maps.size(); i++) {
            System.arraycopy(maps.get(i), 0, all, at, maps.get(i).length);
            System.arraycopy(masks.get(i), 0, positive, at, masks.get(i).length);
            at += maps.get(i).length;
        }
        return String.format(Locale.ROOT, "%.3f / %.3f", Auroc.of(frameScores, truth), Auroc.of(all, positive));
    }

    /**
     * Exact nearest-neighbour distances of scoring tokens ({@code shifts x shifts} views of
     * {@code grid x grid} tokens, view-major) to calibration tokens, anywhere or at the same place.
     */
    private record Places(int grid, int dim, int shifts) {

        /** Median over the last quarter's tokens of (nearest at the same place) / (nearest anywhere). */
        float switchStatistic(List<float[]> good) {
            int fit = good.size() * 3 / 4;
            List<float[]> bank = good.subList(0, fit);
            List<Float> ratios = new ArrayList<>();
            for (float[] held : good.subList(fit, good.size())) {
                float[] any = distances(held, bank, -1);
                float[] own = distances(held, bank, 0);
                for (int t = 0; t < any.length; t++) {
                    // a held-out token equal to a bank token is at home wherever it is
                    ratios.add(any[t] <= 0f ? 1f : own[t] / any[t]);
                }
            }
            float[] r = new float[ratios.size()];
            for (int i = 0; i < r.length; i++) {
                r[i] = ratios.get(i);
            }
            Arrays.sort(r);
            return r[r.length / 2];
        }

        /** The profile's rule: each contiguous fold against the others, 0.99 quantile of frame scores, x 1.1. */
        float threshold(List<float[]> good, int radius, int perPlace) {
            int k = good.size();
            int folds = Math.min(FOLDS, k);
            float[] scores = new float[k];
            for (int fold = 0; fold < folds; fold++) {
                int from = fold * k / folds;
                int to = (fold + 1) * k / folds;
                List<float[]> rest = new ArrayList<>(good.subList(0, from));
                rest.addAll(good.subList(to, k));
                if (perPlace != 0) {
                    rest = bounded(rest, perPlace);
                }
                for (int f = from; f < to; f++) {
                    float max = 0f;
                    for (float d : distances(good.get(f), rest, radius)) {
                        max = Math.max(max, d);
                    }
                    scores[f] = max;
                }
            }
            Arrays.sort(scores);
            double pos = QUANTILE * (k - 1);
            int lo = (int) Math.floor(pos);
            int hi = Math.min(k - 1, lo + 1);
            return (float) (scores[lo] + (pos - lo) * (scores[hi] - scores[lo])) * MARGIN;
        }

        /**
         * At most {@code perPlace} tokens per place, by greedy coreset selection among the frames'
         * tokens at that place, laid out as {@code perPlace} frames (a place with fewer distinct
         * tokens repeats its last one), so that {@link #distances} searches them by place. A negative
         * {@code perPlace} keeps {@code -perPlace} tokens and rounds every component to 8 bits
         * (256 even steps between that component's lowest and highest value over the kept tokens).
         */
        List<float[]> bounded(List<float[]> good, int signedPerPlace) {
            int perPlace = Math.abs(signedPerPlace);
            int places = good.get(0).length / dim;
            List<float[]> out = new ArrayList<>();
            for (int j = 0; j < perPlace; j++) {
                out.add(new float[places * dim]);
            }
            for (int p = 0; p < places; p++) {
                float[] rows = new float[good.size() * dim];
                for (int f = 0; f < good.size(); f++) {
                    System.arraycopy(good.get(f), p * dim, rows, f * dim, dim);
                }
                float[] kept = CoresetSelector.gather(
                        rows,
                        dim,
                        new CoresetSelector(perPlace, CoresetSelector.DEFAULT_PROJECTION_DIM, 42L).select(rows, dim));
                int keptCount = kept.length / dim;
                for (int j = 0; j < perPlace; j++) {
                    System.arraycopy(kept, Math.min(j, keptCount - 1) * dim, out.get(j), p * dim, dim);
                }
            }
            if (signedPerPlace < 0) {
                quantise(out);
            }
            return out;
        }

        /** Rounds each component, in place, to one of 256 steps over its range in {@code frames}. */
        void quantise(List<float[]> frames) {
            for (int d = 0; d < dim; d++) {
                float lo = Float.MAX_VALUE;
                float hi = -Float.MAX_VALUE;
                for (float[] f : frames) {
                    for (int i = d; i < f.length; i += dim) {
                        lo = Math.min(lo, f[i]);
                        hi = Math.max(hi, f[i]);
                    }
                }
                float step = Math.max(hi - lo, 1e-12f) / 255f;
                for (float[] f : frames) {
                    for (int i = d; i < f.length; i += dim) {
                        f[i] = lo + Math.round((f[i] - lo) / step) * step;
                    }
                }
            }
        }

        /** Share of the last quarter's tokens whose nearest token anywhere is also the nearest at their place. */
        float atHome(List<float[]> good) {
            int fit = good.size() * 3 / 4;
            List<float[]> bank = good.subList(0, fit);
            int home = 0;
            int all = 0;
            for (float[] held : good.subList(fit, good.size())) {
                float[] any = distances(held, bank, -1);
                float[] own = distances(held, bank, 0);
                for (int t = 0; t < any.length; t++) {
                    home += own[t] <= any[t] * 1.0001f ? 1 : 0;
                    all++;
                }
            }
            return (float) home / all;
        }

        /** Each token's distance to its nearest calibration token; radius < 0: any view and cell. */
        float[] distances(float[] frame, List<float[]> good, int radius) {
            if (radius < 0) {
                float[] rows = new float[good.size() * good.get(0).length];
                for (int i = 0; i < good.size(); i++) {
                    System.arraycopy(good.get(i), 0, rows, i * good.get(i).length, good.get(i).length);
                }
                return MemoryBank.of(rows, dim).nearestDistances(frame);
            }
            int n = grid * grid;
            int views = frame.length / (n * dim);
            float[] out = new float[views * n];
            for (int q = 0; q < out.length; q++) {
                int view = q / n;
                int cell = q % n;
                float best = Float.MAX_VALUE;
                for (float[] g : good) {
                    for (int c = 0; c < n; c++) {
                        if (Math.abs(c / grid - cell / grid) > radius || Math.abs(c % grid - cell % grid) > radius) {
                            continue;
                        }
                        int a = q * dim;
                        int b = (view * n + c) * dim;
                        float d = 0;
                        for (int j = 0; j < dim; j++) {
                            float x = frame[a + j] - g[b + j];
                            d += x * x;
                        }
                        best = Math.min(best, d);
                    }
                }
                out[q] = (float) Math.sqrt(best);
            }
            return out;
        }
    }
}
