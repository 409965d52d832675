package io.ultraline.evaluation;

import io.ultraline.defect.AppearanceMasker;
import io.ultraline.defect.AppearanceMasker.Background;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.PixelMasker;
import io.ultraline.defect.RegionContext;
import io.ultraline.defect.RegionFinder;
import io.ultraline.defect.RegionSplit;
import io.ultraline.defect.ScoreHysteresisMasker;
import io.ultraline.defect.TokenRegion;
import io.ultraline.defect.TokenThresholdRegions;
import io.ultraline.inspect.InspectedFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The region side of {@link DatasetEvaluation}: by-type IoU and region precision/recall of the
 * detector's own regions, the cost of the region step (region rule plus pixel masks) in frames/s,
 * and an ablation of region rules (a concept rule: the detector's, or concept growth when the detector
 * thresholds; plain thresholding) crossed with
 * pixel maskers (whole tokens, score hysteresis, colour departure with a geometric, a
 * concept-aware or the nearest background, with and without pixel hysteresis), all on the same
 * token scores. The detector's own regions are split into the marks they hold ({@link RegionSplit});
 * {@code threshold+nearest-hysteresis} is the same rule unsplit, and {@code ...+split} keeps every
 * part of the split instead of dropping the small ones.
 */
final class RegionScorecard {

    private record Variant(RegionFinder finder, PixelMasker masker) {}

    /** The detector's rule and masks before {@link RegionSplit}: one region per token region. */
    private static final String UNSPLIT = "threshold+nearest-hysteresis";
    /** Split as the detector does, but keeping every part of {@link RegionSplit#MIN_PIXELS} or more. */
    private static final String SPLIT = UNSPLIT + "+split";

    private final DefectTypes types;
    private final DefectDetector detector;
    private final Map<String, Variant> variants = new LinkedHashMap<>();
    private final Map<String, RegionTally> tallies = new LinkedHashMap<>();
    private final RegionTally own = new RegionTally();
    private final RegionMisses misses = new RegionMisses();
    /** The default before issue 18's second round, so its misses can be set beside today's. */
    private static final String OLD_DEFAULT = "threshold+colour";

    private final RegionMisses oldMisses = new RegionMisses();
    private long regionNanos;
    private long ownNanos;
    private int frames;

    RegionScorecard(DefectTypes types, DefectDetector detector, boolean ablation) {
        this.types = types;
        this.detector = detector;
        if (ablation) {
            Map<String, RegionFinder> finders = new LinkedHashMap<>();
            // the concept rule stays in the ablation whatever the detector runs: issue 18 asks for both
            finders.put(
                    "concept",
                    detector.regionFinder() instanceof TokenThresholdRegions
                            ? new io.ultraline.defect.ConceptGrowthRegions(io.ultraline.defect.RegionConfig.defaults())
                            : detector.regionFinder());
            finders.put("threshold", new TokenThresholdRegions());
            Map<String, PixelMasker> maskers = new LinkedHashMap<>();
            PixelMasker score = new ScoreHysteresisMasker(0.6f);
            maskers.put("tokens", PixelMasker.tokenBlocks());
            maskers.put("score", score);
            maskers.put("colour", new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, score));
            maskers.put("colour-concept", new AppearanceMasker(Background.CONCEPT, 0, 1, 0.9f, score));
            maskers.put("patch", new AppearanceMasker(Background.GEOMETRIC, 2, 2, 0.9f, score));
            // issue 18, second round: the nearest background ring alone, then with pixel hysteresis
            maskers.put("nearest", new AppearanceMasker(Background.NEAREST, 0, 1, 0.9f, score));
            maskers.put("nearest-hysteresis", new AppearanceMasker(Background.NEAREST, 0, 1, 0.9f, 0.9f, score));
            finders.forEach((f, finder) -> maskers.forEach((m, masker) -> {
                variants.put(f + "+" + m, new Variant(finder, masker));
                tallies.put(f + "+" + m, new RegionTally());
            }));
            tallies.put(SPLIT, new RegionTally());
        }
    }

    /**
     * One test frame: its inspection (with the detector's regions), and its true regions at frame
     * resolution (empty for good frames).
     */
    void frame(String image, InspectedFrame r, List<boolean[]> truths) {
        long entered = System.nanoTime();
        int w = r.width();
        List<String> kinds = new ArrayList<>();
        for (boolean[] t : truths) {
            kinds.add(types.typeOf(image, t, w));
        }
        List<boolean[]> mine = r.assessment().regionMasks(w, r.height());
        own.add(mine, truths, kinds);
        misses.add(mine, truths, kinds);
        FrameAssessment a = r.assessment();
        int[] labels = r.segmentation().labels();
        long start = System.nanoTime();
        for (boolean[] mask : masks(detector.regionFinder(), detector.pixelMasker(), r, a, labels)) {
            RegionSplit.parts(mask, w, r.height());
        }
        regionNanos += System.nanoTime() - start;
        frames++;
        for (Map.Entry<String, Variant> e : variants.entrySet()) {
            Variant v = e.getValue();
            List<boolean[]> masks = masks(v.finder(), v.masker(), r, a, labels);
            tallies.get(e.getKey()).add(masks, truths, kinds);
            if (e.getKey().equals(OLD_DEFAULT)) {
                oldMisses.add(masks, truths, kinds);
            }
            if (e.getKey().equals(UNSPLIT)) {
                // the split variant parts these same masks rather than computing them again
                List<boolean[]> parts = new ArrayList<>();
                for (boolean[] mask : masks) {
                    parts.addAll(RegionSplit.parts(mask, w, r.height(), 0));
                }
                tallies.get(SPLIT).add(parts, truths, kinds);
            }
        }
        ownNanos += System.nanoTime() - entered;
    }

    /** Time spent here, which is evaluation work and not part of the pipeline's scoring time. */
    long nanos() {
        return ownNanos;
    }

    /** The figures, into the evaluation's metrics. */
    void put(Map<String, Object> m) {
        m.put("region_iou_by_type", own.iouByType());
        m.put("region_misses_by_type", misses.byType());
        if (tallies.containsKey(OLD_DEFAULT)) {
            m.put("region_misses_by_type@" + OLD_DEFAULT, oldMisses.byType());
        }
        m.put("region_precision", own.precision());
        m.put("region_recall", own.recall());
        m.put("region_match_iou", RegionTally.MATCH_IOU);
        m.put("region_frames_per_s", regionNanos == 0 ? 0 : frames / (regionNanos / 1e9));
        tallies.forEach((name, t) -> m.put("region_iou@" + name, t.iou()));
        tallies.forEach((name, t) -> {
            if (name.startsWith(UNSPLIT)) {
                m.put("region_precision@" + name, t.precision());
            }
        });
    }

    private static List<boolean[]> masks(
            RegionFinder finder, PixelMasker masker, InspectedFrame r, FrameAssessment a, int[] labels) {
        float[] scores = a.tokenScores();
        List<TokenRegion> found = finder.find(scores, labels, a.gridHeight(), a.gridWidth(), a.threshold());
        RegionContext context =
                new RegionContext(r.pixels(), scores, labels, a.gridHeight(), a.gridWidth(), a.threshold(), found);
        List<boolean[]> out = new ArrayList<>();
        for (TokenRegion t : found) {
            out.add(masker.mask(context, t));
        }
        return out;
    }
}
