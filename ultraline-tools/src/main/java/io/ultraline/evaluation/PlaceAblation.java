package io.ultraline.evaluation;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.PlaceSwitch;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * evaluate's figures for the place switch: its statistic on the calibration frames
 * ({@code place_switch_share}, measured here also where the switch is off, since a profile records
 * it only where it is on), the decision ({@code place_scoring}) and, where it scores by place, the
 * same test frames scored by a profile calibrated with place banks off
 * ({@code place_off_image_auroc}, {@code place_off_pixel_auroc}). Where the switch is off the two
 * profiles are the same, and so are the figures.
 */
final class PlaceAblation {

    private final FrameInspector inspector;
    private final ReferenceProfile profile;
    /** The profile place banks off would have calibrated; null where {@code profile} is that one. */
    private final ReferenceProfile off;

    private final PlaceSwitch measured;

    private final List<Float> frameScores = new ArrayList<>();
    private final List<Boolean> frameTruth = new ArrayList<>();
    private final List<float[]> pixelScores = new ArrayList<>();
    private final List<boolean[]> pixelTruth = new ArrayList<>();

    PlaceAblation(FrameInspector inspector, List<RgbImage> good, ReferenceProfile profile) {
        this.inspector = inspector;
        this.profile = profile;
        this.off = profile.scoresByPlace()
                ? inspector.calibrate(
                        good,
                        profile.version(),
                        8,
                        inspector.detector().profileConfig().withPlaceBanks(false))
                : null;
        List<float[]> tokens = new ArrayList<>();
        for (RgbImage frame : good) {
            tokens.add(inspector.scan(List.of(frame)).get(0).scoringTokens());
        }
        this.measured = PlaceSwitch.measure(tokens, inspector.runner().config().dim());
    }

    /** One test frame, as the evaluated profile inspected it; {@code mask} null without pixel truth. */
    void frame(InspectedFrame r, boolean defective, boolean[] mask) {
        if (off == null) {
            return;
        }
        int grid = r.segmentation().gridHeight();
        int gridW = r.segmentation().gridWidth();
        FrameAssessment a = inspector
                .detector()
                .score(
                        off,
                        r.scoringTokens(),
                        r.modelOutput().dim(),
                        grid,
                        gridW,
                        r.width(),
                        r.height(),
                        r.modelInput());
        frameScores.add(a.frameScore());
        frameTruth.add(defective);
        if (mask != null) {
            pixelScores.add(a.pixelMap(r.width(), r.height()));
            pixelTruth.add(mask);
        }
    }

    /** Adds the keys; {@code imageAuroc} and {@code pixelAuroc} are the evaluated profile's. */
    void put(Map<String, Object> m, Double imageAuroc, Double pixelAuroc) {
        m.put("place_switch_share", measured.share());
        m.put("place_scoring", profile.scoresByPlace());
        m.put(
                "place_tokens_per_place",
                profile.scoresByPlace() ? profile.places().perPlace() : 0);
        if (off == null) {
            m.put("place_off_image_auroc", imageAuroc);
            m.put("place_off_pixel_auroc", pixelAuroc);
            return;
        }
        float[] scores = new float[frameScores.size()];
        boolean[] truth = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = frameScores.get(i);
            truth[i] = frameTruth.get(i);
        }
        m.put("place_off_image_auroc", imageAuroc == null ? null : Auroc.of(scores, truth));
        m.put("place_off_pixel_auroc", DatasetEvaluation.pixelAuroc(pixelScores, pixelTruth));
    }
}
