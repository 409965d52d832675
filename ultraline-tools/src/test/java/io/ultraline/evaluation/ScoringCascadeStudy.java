package io.ultraline.evaluation;

import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.ReferenceProfile;
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

/**
 * Could stage 1 score the plain view alone and add the shifted views only for frames near the
 * threshold (issue 21)? The fused frame score of the plain view is a lower bound of the four-view
 * score (the token channel's maximum over fewer tokens, the same pixel channel), so a frame whose
 * plain score passes the threshold is a defect either way; a frame under it is OK for sure only if
 * no shifted view would have lifted it over. Per dataset and margin m: the share of test frames
 * whose plain score reaches m x threshold (they would get the other views), of all and of the good
 * ones, the four-view defects whose plain score does not (verdicts the cascade would change), and the image AUROC of the
 * cascade's score against the four-view score (the detector with {@code withShiftedViewsFrom(0)}). The last quarter of the calibration frames, held
 * out of a profile of the first three quarters, gives the label-free view of the same ratio
 * (lowest plain / four-view score). Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" io.ultraline.evaluation.ScoringCascadeStudy MODEL_DIR DATASET_DIR...
 * </pre>
 */
public final class ScoringCascadeStudy {

    private static final float[] MARGINS = {0.5f, 0.6f, 0.7f, 0.8f, 0.9f};

    public static void main(String[] args) throws Exception {
        try (ModelRunner runner =
                ModelRunner.load(Path.of(args[0]), RunnerOptions.defaults().withIntraOpThreads(2))) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            System.out.println("dataset | held-out min plain/four | four-view defects | their min plain/four | "
                    + Arrays.toString(MARGINS)
                    + ": share rescored, all / good frames / verdicts changed / cascade AUROC | (four-view AUROC)");
            for (int a = 1; a < args.length; a++) {
                study(inspector, Path.of(args[a]));
            }
        }
    }

    private static void study(FrameInspector inspector, Path dir) throws Exception {
        LabelledDataset data = LabelledDataset.open(dir);
        List<RgbImage> good = data.calibrationImages();
        int fit = good.size() * 3 / 4;
        ReferenceProfile part = inspector.calibrate(good.subList(0, fit), 1, 8);
        double minHeldOut = Double.MAX_VALUE;
        for (float[] s : scores(inspector, part, good.subList(fit, good.size()))) {
            minHeldOut = Math.min(minHeldOut, s[0] / s[1]);
        }
        ReferenceProfile profile = inspector.calibrate(good, 1, 8);
        List<RgbImage> test = new ArrayList<>();
        boolean[] positive = new boolean[data.test().size()];
        for (int i = 0; i < positive.length; i++) {
            LabelledDataset.TestFrame f = data.test().get(i);
            test.add(LabelledDataset.readImage(f.imagePath()));
            positive[i] = f.defective();
        }
        List<float[]> s = scores(inspector, profile, test);
        float thr = profile.threshold();
        float[] four = new float[s.size()];
        int flagged = 0;
        int goodFrames = 0;
        double minFlagged = Double.MAX_VALUE;
        for (int i = 0; i < four.length; i++) {
            four[i] = s.get(i)[1];
            goodFrames += positive[i] ? 0 : 1;
            if (four[i] > thr) {
                flagged++;
                minFlagged = Math.min(minFlagged, s.get(i)[0] / (double) four[i]);
            }
        }
        StringBuilder line = new StringBuilder(
                String.format("%s | %.3f | %d | %.3f |", dir.getFileName(), minHeldOut, flagged, minFlagged));
        for (float m : MARGINS) {
            float[] cascade = new float[four.length];
            int rescored = 0, goodRescored = 0, changed = 0;
            for (int i = 0; i < four.length; i++) {
                float plain = s.get(i)[0];
                boolean more = plain >= m * thr;
                rescored += more ? 1 : 0;
                goodRescored += more && !positive[i] ? 1 : 0;
                cascade[i] = more ? four[i] : plain;
                changed += (four[i] > thr) != (cascade[i] > thr) ? 1 : 0;
            }
            line.append(String.format(
                    " %.2f / %.2f / %d / %.3f |",
                    rescored / (double) four.length,
                    goodRescored / (double) goodFrames,
                    changed,
                    Auroc.of(cascade, positive)));
        }
        line.append(String.format(" (%.3f)", Auroc.of(four, positive)));
        System.out.println(line);
    }

    /** Per frame {plain-view fused score, four-view fused score}. */
    private static List<float[]> scores(FrameInspector inspector, ReferenceProfile profile, List<RgbImage> frames) {
        DefectDetector detector = inspector.detector();
        // from 0 of the threshold on, every frame is scored on all its views, as before pipeline 0.5.0
        DefectDetector allViews = detector.withShiftedViewsFrom(0f);
        int grid = inspector.runner().config().gridSize();
        int dim = inspector.runner().config().dim();
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < frames.size(); from += 8) {
            for (InspectedFrame f : inspector.scan(frames.subList(from, Math.min(frames.size(), from + 8)))) {
                float[] all = f.scoringTokens();
                float p = detector.score(
                                profile,
                                Arrays.copyOf(all, grid * grid * dim),
                                dim,
                                grid,
                                grid,
                                f.width(),
                                f.height(),
                                f.modelInput())
                        .frameScore();
                float q = allViews.score(profile, all, dim, grid, grid, f.width(), f.height(), f.modelInput())
                        .frameScore();
                out.add(new float[] {p, q});
            }
        }
        return out;
    }
}
