package io.ultraline.evaluation;

import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.ConceptPixelImage;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.PixelRefinement;
import io.ultraline.ultra.eval.SegmentationScores;
import io.ultraline.ultra.transform.TokenTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The study behind concepts below the token grid (issue 19; docs/evaluation.md, "Concepts below the
 * token grid"): on a scenes dataset it learns W on the calibration frames as {@code evaluate
 * --transform profile} does, takes every test frame's joint concepts through W, and scores pixel
 * labels made from them by nearest-neighbour upsampling, by {@link PixelRefinement} in several
 * settings, by {@code ShiftedMembership} (below) over the model's shifted views, and by both (mIoU, pixel
 * accuracy, ARI; milliseconds a frame), and the size of the run-length pixel labels the
 * explanation records carry. Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" io.ultraline.evaluation.SubTokenStudy DATASET_DIR MODEL_DIR [none]
 * </pre>
 */
public final class SubTokenStudy {

    record Frame(InspectedFrame inspected, int[] truth, float[] viewTokens) {}

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[1]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            List<RgbImage> good = data.calibrationImages();
            ReferenceProfile profile = inspector.calibrate(good, 1, 8);
            TokenTransform w = args.length > 2
                    ? null
                    : TransformCalibration.learn(inspector, good, TransformCalibration.SEED)
                            .transform();
            int grid = runner.config().gridSize();
            int n = grid * grid;
            int shifts = inspector.shifts();
            List<Frame> frames = new ArrayList<>();
            for (LabelledDataset.TestFrame t : data.test()) {
                RgbImage img = LabelledDataset.readImage(t.imagePath());
                InspectedFrame r = inspector.inspect(List.of(img), profile, w).get(0);
                float[] views = r.scoringTokens();
                float[] conceptViews = w == null
                        ? views
                        : w.apply(views, views.length / r.modelOutput().dim());
                frames.add(new Frame(r, LabelledDataset.readParts(t.partsPath(), r.width(), r.height()), conceptViews));
            }
            int dim = frames.get(0).viewTokens().length / (shifts * shifts * n);
            Map<String, Function<Frame, int[]>> rules = new LinkedHashMap<>();
            rules.put(
                    "token grid",
                    f -> MaskUpsampling.upsample(
                            f.inspected().segmentation().labels(),
                            grid,
                            grid,
                            f.inspected().width(),
                            f.inspected().height()));
            for (int reach : new int[] {1, 2, 8}) {
                for (int radius : new int[] {0, 1, 2}) {
                    for (int[] smooth : new int[][] {{2, 2}, {2, 4}}) {
                        for (boolean own : new boolean[] {false, true}) {
                            PixelRefinement pr = new PixelRefinement(radius, smooth[0], smooth[1], own, reach);
                            rules.put(
                                    "(a) " + pr,
                                    f -> refine(pr, f.inspected().segmentation().labels(), grid, f));
                        }
                    }
                }
            }
            rules.put(
                    "(b) shifted views " + shifts + "x" + shifts,
                    f -> MaskUpsampling.upsample(
                            shifted(f, grid, dim, shifts),
                            grid * shifts,
                            grid * shifts,
                            f.inspected().width(),
                            f.inspected().height()));
            for (PixelRefinement pr :
                    new PixelRefinement[] {PixelRefinement.defaults(), new PixelRefinement(0, 2, 4, true, 1)}) {
                rules.put("(c) shifted + " + pr, f -> refine(pr, shifted(f, grid, dim, shifts), grid * shifts, f));
            }
            System.out.println(args[0] + (w == null ? " without W" : " with W") + ", " + frames.size() + " frames");
            // what the explanation records carry: run-length ints of the shipped refinement per frame
            long runInts = 0;
            int mostRunInts = 0;
            for (Frame f : frames) {
                InspectedFrame r = f.inspected();
                int ints = ConceptPixelImage.refined(
                                r.segmentation().labels(),
                                grid,
                                grid,
                                r.image().pixels(),
                                r.width(),
                                r.height(),
                                ConceptPixelImage.DEFAULT_MAX_PIXELS)
                        .runs()
                        .length;
                runInts += ints;
                mostRunInts = Math.max(mostRunInts, ints);
            }
            System.out.printf(
                    "conceptPixels run ints per frame: mean %.0f, max %d%n",
                    (double) runInts / frames.size(), mostRunInts);
            for (var rule : rules.entrySet()) {
                double[] s = new double[3];
                for (Frame f : frames) {
                    rule.getValue().apply(f); // warm-up pass: the timed pass below is the JIT's compiled code
                }
                long nanos = 0;
                for (Frame f : frames) {
                    long t0 = System.nanoTime();
                    int[] labels = rule.getValue().apply(f);
                    nanos += System.nanoTime() - t0;
                    SegmentationScores sc = SegmentationScores.of(labels, f.truth());
                    s[0] += sc.miou();
                    s[1] += sc.pixelAccuracy();
                    s[2] += sc.ari();
                }
                int k = frames.size();
                System.out.printf(
                        "%-70s mIoU %.3f acc %.3f ARI %.3f  %.2f ms/frame%n",
                        rule.getKey(), s[0] / k, s[1] / k, s[2] / k, nanos / 1e6 / k);
            }
        }
    }

    private static int[] shifted(Frame f, int grid, int dim, int shifts) {
        return ShiftedMembership.labels(f.inspected().segmentation().labels(), grid, grid, f.viewTokens(), dim, shifts);
    }

    private static int[] refine(PixelRefinement pr, int[] labels, int g, Frame f) {
        InspectedFrame r = f.inspected();
        return pr.pixelLabels(labels, g, g, r.image().pixels(), r.width(), r.height());
    }

    /**
     * Concept labels on a grid {@code shifts} times finer than the token grid, from the model's tokens
     * of the frame seen under sub-patch shifts (view {@code sy * shifts + sx} has its content moved
     * right by {@code sx * patch / shifts} and down by {@code sy * patch / shifts} pixels, as the
     * scoring of shifted views does). Each concept's centroid is the mean of its patches' unit-length,
     * frame-centred tokens (the token half of JointConcepts' features); a token of a shifted
     * view takes the concept of the nearest centroid; every sub-cell then takes the majority of the
     * {@code shifts * shifts} tokens that cover it, the unshifted view's vote being the cell's own
     * concept, which also wins ties. A sub-cell that a shifted view covers only with mirrored content
     * (the top and left edge) gets no vote from that view.
     */
    static final class ShiftedMembership {

        private ShiftedMembership() {}

        /**
         * The labels of the finer grid, row-major, {@code (shifts * gridH) x (shifts * gridW)}.
         *
         * @param cellLabels concept of every token cell, row-major
         * @param viewTokens tokens of every view, view-major, {@code shifts^2 * N * dim} (view 0 = the frame)
         * @param dim token length
         */
        public static int[] labels(int[] cellLabels, int gridH, int gridW, float[] viewTokens, int dim, int shifts) {
            int n = gridH * gridW;
            if (shifts < 1 || viewTokens.length != (long) shifts * shifts * n * dim || cellLabels.length != n) {
                throw new IllegalArgumentException(shifts + " x " + shifts + " views of a " + gridH + " x " + gridW
                        + " grid need " + (long) shifts * shifts * n * dim + " token values and " + n
                        + " labels, got " + viewTokens.length + " and " + cellLabels.length);
            }
            int concepts = 0;
            for (int label : cellLabels) {
                concepts = Math.max(concepts, label + 1);
            }
            double[] mean = new double[dim];
            for (int i = 0; i < n * dim; i++) {
                mean[i % dim] += viewTokens[i] / (double) n;
            }
            double[][] centroid = new double[concepts][dim];
            int[] members = new int[concepts];
            for (int i = 0; i < n; i++) {
                double[] u = unitCentred(viewTokens, i, dim, mean);
                members[cellLabels[i]]++;
                for (int j = 0; j < dim; j++) {
                    centroid[cellLabels[i]][j] += u[j];
                }
            }
            int fineW = gridW * shifts;
            int[][] votes = new int[gridH * shifts * fineW][concepts];
            for (int view = 0; view < shifts * shifts; view++) {
                int sx = view % shifts;
                int sy = view / shifts;
                for (int i = 0; i < n; i++) {
                    int label = view == 0
                            ? cellLabels[i]
                            : nearest(unitCentred(viewTokens, view * n + i, dim, mean), centroid, members);
                    int r0 = (i / gridW) * shifts - sy;
                    int c0 = (i % gridW) * shifts - sx;
                    for (int r = Math.max(0, r0); r < r0 + shifts; r++) {
                        for (int c = Math.max(0, c0); c < c0 + shifts; c++) {
                            votes[r * fineW + c][label]++;
                        }
                    }
                }
            }
            int[] out = new int[votes.length];
            for (int f = 0; f < out.length; f++) {
                int own = cellLabels[(f / fineW / shifts) * gridW + (f % fineW) / shifts];
                int best = own;
                for (int c = 0; c < concepts; c++) {
                    if (votes[f][c] > votes[f][best]) {
                        best = c;
                    }
                }
                out[f] = best;
            }
            return out;
        }

        private static int nearest(double[] u, double[][] centroid, int[] members) {
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centroid.length; c++) {
                if (members[c] == 0) {
                    continue;
                }
                double d = 0;
                for (int j = 0; j < u.length; j++) {
                    double diff = u[j] - centroid[c][j] / members[c];
                    d += diff * diff;
                }
                if (d < bestDistance) {
                    best = c;
                    bestDistance = d;
                }
            }
            return best;
        }

        private static double[] unitCentred(float[] tokens, int row, int dim, double[] mean) {
            double[] u = new double[dim];
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                u[j] = tokens[row * dim + j] - mean[j];
                norm += u[j] * u[j];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int j = 0; j < dim; j++) {
                u[j] *= scale;
            }
            return u;
        }
    }
}
