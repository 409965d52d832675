package io.ultraline.inspect;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.defect.eval.RegionOverlap;
import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.PaintedDefects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A label-free check of how well a camera's profile would see defects ({@code evaluate} and
 * {@code calibrate --self-check}): a profile calibrated as the inspector calibrates, on the first
 * three quarters of the good frames, scores the last quarter as they are and with one defect of
 * each of the generator's kinds painted on ({@link PaintedDefects}), at the model's input size. Its
 * AUROCs tracked the test sets' on the issue-17 datasets (docs/evaluation.md, "The frame enlarged
 * 2x or 3x"), whose defects come from the same painters; on a line whose defects they do not draw
 * it says less. Beside the AUROCs it reports the painted defects' region IoU: the mean over
 * painted frames of the best IoU of any of the frame's regions with the painted mask (0 when the
 * frame is not flagged), as {@code evaluate}'s {@code region_iou} does with one defect a frame;
 * the flagged painted frames are inspected in full for it (ULTra maps and regions).
 */
public final class PaintedSelfCheck {

    /** Fixed, so the check of the same frames gives the same figures. */
    static final long SEED = 2026;

    private final FrameInspector inspector;

    public PaintedSelfCheck(FrameInspector inspector) {
        this.inspector = inspector;
    }

    /** The {@code self_check_*} figures of {@code good}; null figures with fewer than 4 frames. */
    public Map<String, Object> run(List<RgbImage> good) {
        return run(good, 1);
    }

    /** As {@link #run(List)}, for a profile with a zoom channel of that scale (1: none). */
    public Map<String, Object> run(List<RgbImage> good, int zoom) {
        return run(good, zoom, 1);
    }

    /**
     * As {@link #run(List, int)}, over {@code rounds} (1 to 4) of the check: round r holds out the
     * r-th quarter of the frames from the end (round 0 the last, as {@link #run(List)} does) and
     * calibrates on the other three. Every round adds its held-out frames, plain and painted, to
     * one AUROC: four rounds see four times the good frames, which a comparison of profiles needs
     * (the AUROC of 10 good frames moves by about 0.01 with one frame's score).
     */
    public Map<String, Object> run(List<RgbImage> good, int zoom, int rounds) {
        if (rounds < 1 || rounds > 4) {
            throw new IllegalArgumentException("a self-check runs 1 to 4 rounds, got " + rounds);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        int fit = good.size() * 3 / 4;
        if (fit < 3) {
            m.put("self_check_image_auroc", null);
            m.put("self_check_pixel_auroc", null);
            return m;
        }
        int side = inspector.runner().config().imageSize();
        List<RgbImage> frames = good.stream().map(f -> Resize.to(f, side, side)).toList();
        SplittableRandom r = new SplittableRandom(SEED);
        List<Float> scores = new ArrayList<>();
        List<Boolean> painted = new ArrayList<>();
        List<float[]> maps = new ArrayList<>();
        List<boolean[]> masks = new ArrayList<>();
        double regionIou = 0;
        int flaggedGood = 0;
        int flaggedPainted = 0;
        int unpaintable = 0;
        int heldFrames = 0;
        int quarter = frames.size() - fit;
        for (int round = 0; round < rounds; round++) {
            int to = Math.max(quarter, frames.size() - round * quarter);
            int from = to - quarter;
            List<RgbImage> calibration = new ArrayList<>(frames.subList(0, from));
            calibration.addAll(frames.subList(to, frames.size()));
            ReferenceProfile profile =
                    inspector.calibrate(calibration, 1, 8, inspector.detector().profileConfig(), zoom);
            List<RgbImage> held = frames.subList(from, to);
            heldFrames += held.size();
            for (int h = 0; h < held.size(); h++) {
                FrameAssessment clean = assess(profile, held.get(h), maps);
                scores.add(clean.frameScore());
                painted.add(false);
                masks.add(new boolean[side * side]);
                flaggedGood += clean.isDefective() ? 1 : 0;
                for (DefectType type : DefectType.values()) {
                    PaintedDefects.Painted p;
                    try {
                        // misprints alternate between a shifted pattern and an ink blot
                        p = PaintedDefects.paint(side, held.get(h).pixels(), type, r, h % 2 == 1);
                    } catch (IllegalStateException invisible) {
                        unpaintable++;
                        continue;
                    }
                    RgbImage image = new RgbImage(side, side, p.rgb());
                    FrameAssessment a = assess(profile, image, maps);
                    scores.add(a.frameScore());
                    painted.add(true);
                    masks.add(p.mask());
                    if (a.isDefective()) {
                        flaggedPainted++;
                        // regions as the service cuts them for a flagged frame, maps and all
                        FrameAssessment full = inspector
                                .inspect(List.of(image), profile)
                                .get(0)
                                .assessment();
                        regionIou += RegionOverlap.bestMatch(p.mask(), full.regionMasks(side, side));
                    }
                }
            }
        }
        float[] s = new float[scores.size()];
        boolean[] truth = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scores.get(i);
            truth[i] = painted.get(i);
        }
        int paintedFrames = s.length - heldFrames;
        m.put("self_check_image_auroc", paintedFrames == 0 ? null : Auroc.of(s, truth));
        m.put("self_check_pixel_auroc", Auroc.ofPixels(maps, masks));
        m.put("self_check_region_iou", paintedFrames == 0 ? null : regionIou / paintedFrames);
        m.put("self_check_recall", paintedFrames == 0 ? null : flaggedPainted / (double) paintedFrames);
        m.put("self_check_false_alarms", flaggedGood);
        m.put("self_check_good_frames", heldFrames);
        m.put("self_check_painted_frames", paintedFrames);
        m.put("self_check_unpaintable", unpaintable);
        return m;
    }

    /** The frame scored against {@code profile}; its pixel map is added to {@code maps}. */
    private FrameAssessment assess(ReferenceProfile profile, RgbImage image, List<float[]> maps) {
        InspectedFrame f = inspector.scan(List.of(image)).get(0);
        FrameAssessment a = inspector.score(profile, f);
        maps.add(a.pixelMap(f.width(), f.height()));
        return a;
    }
}
