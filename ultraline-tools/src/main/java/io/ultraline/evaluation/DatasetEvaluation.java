package io.ultraline.evaluation;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.RegionFinder;
import io.ultraline.defect.TokenRegion;
import io.ultraline.defect.TokenThresholdRegions;
import io.ultraline.defect.eval.Auroc;
import io.ultraline.defect.eval.BestRecall;
import io.ultraline.defect.eval.RegionOverlap;
import io.ultraline.defect.eval.TruthRegions;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.inspect.PaintedSelfCheck;
import io.ultraline.inspect.TransformCalibration;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.inspect.ZoomChoice;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.ConsistencyTrainer;
import io.ultraline.ultra.transform.TokenTransform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Calibrates on a dataset's good frames and scores its test frames, computing image and pixel
 * AUROC, region IoU, precision and recall at the calibrated threshold; the same figures with a
 * {@code baseline_} prefix come from plain token-score thresholding without ULTra concepts in
 * the same run (the scores are shared, so only the region figures can differ). The
 * {@code baseline_pixels_} figures, when on, come from {@link RawPixelBaseline}: no network at all.
 * The {@code concept_} figures, for datasets with part ids, come from {@link ConceptScorecard}.
 */
public final class DatasetEvaluation {

    /** Pixels within this distance join one ground-truth region (speckled masks stay whole). */
    static final int TRUTH_JOIN_RADIUS = 3;

    /** The precision issue 17 asks recall at. */
    static final double ORACLE_PRECISION = 0.95;

    private final FrameInspector inspector;
    private final int batch;
    private final Map<String, RegionFinder> variants;
    private final boolean pixelBaseline;
    private boolean selfCheck;
    /** The zoom channel's scale, 1 for none; null chooses it by {@link ZoomChoice#choose}. */
    private Integer zoom = 1;

    private TransformChoice transformChoice = TransformChoice.NONE;
    private TokenTransform modelTransform;
    private ConceptResolution conceptResolution = ConceptResolution.PIXEL;
    private FrameScoreTable frameTable;

    public DatasetEvaluation(FrameInspector inspector, int batch) {
        this(inspector, batch, Map.of());
    }

    /** variants: further region rules whose region_iou is reported as region_iou@name, from the same pass. */
    public DatasetEvaluation(FrameInspector inspector, int batch, Map<String, RegionFinder> variants) {
        this(inspector, batch, variants, true);
    }

    /** pixelBaseline: also report the baseline_pixels_ figures of {@link RawPixelBaseline}. */
    public DatasetEvaluation(
            FrameInspector inspector, int batch, Map<String, RegionFinder> variants, boolean pixelBaseline) {
        this.inspector = inspector;
        this.batch = batch;
        this.variants = new LinkedHashMap<>(variants);
        this.pixelBaseline = pixelBaseline;
    }

    /**
     * The ULTra maps through a token transform W (issue 19): the profile's, learned here on the
     * calibration frames, or the model's (given). With one, the concept figures are those of the
     * maps through W, and {@code _without_transform} twins score the plain maps of the same frames.
     */
    public DatasetEvaluation withTransform(TransformChoice choice, TokenTransform model) {
        if (choice == TransformChoice.MODEL && model == null) {
            throw new IllegalArgumentException("--transform model needs a model with a learned transform");
        }
        this.transformChoice = choice;
        this.modelTransform = choice == TransformChoice.MODEL ? model : null;
        return this;
    }

    /** How the concept figures take concepts to pixels (default {@link ConceptResolution#PIXEL}). */
    public DatasetEvaluation withConceptResolution(ConceptResolution resolution) {
        this.conceptResolution = resolution;
        return this;
    }

    /** Also runs the label-free {@link PaintedSelfCheck} on the calibration frames (self_check_*). */
    public DatasetEvaluation withSelfCheck(boolean on) {
        this.selfCheck = on;
        return this;
    }

    /** Calibrates with a zoom channel of this scale (1: none), or chooses it when null ({@code --zoom auto}). */
    public DatasetEvaluation withZoom(Integer scale) {
        this.zoom = scale;
        return this;
    }

    /** Also records every test frame's scores and verdict in {@code table}. */
    public DatasetEvaluation withFrameScores(FrameScoreTable table) {
        this.frameTable = table;
        return this;
    }

    /** progress receives (done, total) after each batch of test frames. */
    public Map<String, Object> run(LabelledDataset data, BiConsumer<Integer, Integer> progress) throws IOException {
        List<RgbImage> good = data.calibrationImages();
        long start = System.nanoTime();
        ZoomChoice zoomChoice = zoom == null ? ZoomChoice.choose(inspector, good) : ZoomChoice.fixed(zoom);
        double zoomChoiceSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        ReferenceProfile profile =
                inspector.calibrate(good, 1, 8, inspector.detector().profileConfig(), zoomChoice.scale());
        double calibrationSeconds = (System.nanoTime() - start) / 1e9;
        // learned once: the profile's W (timed as part of calibration) is also the k-means anchor's
        ConsistencyTrainer.Result learned = null;
        double transformSeconds = 0;
        if (data.hasParts() || transformChoice == TransformChoice.PROFILE) {
            start = System.nanoTime();
            learned = TransformCalibration.learn(inspector, good, ConceptScorecard.KMEANS_SEED);
            transformSeconds = (System.nanoTime() - start) / 1e9;
        }
        TokenTransform transform = switch (transformChoice) {
            case NONE -> null;
            case MODEL -> modelTransform;
            case PROFILE -> learned.transform();
        };
        if (transformChoice == TransformChoice.PROFILE) {
            profile = profile.withTransform(transform);
            calibrationSeconds += transformSeconds;
        }
        PlaceAblation place = new PlaceAblation(inspector, good, profile);
        List<LabelledDataset.TestFrame> test = data.test();
        float[] frameScores = new float[test.size()];
        ReferenceProfile tokensOnly =
                profile.appearance() == null && profile.zoom() == null ? null : profile.withoutAppearance();
        float[] tokenFrameScores = new float[test.size()];
        List<float[]> tokenPixelScores = new ArrayList<>();
        boolean[] frameTruth = new boolean[test.size()];
        boolean[] predicted = new boolean[test.size()];
        List<float[]> pixelScores = new ArrayList<>();
        List<boolean[]> pixelTruth = new ArrayList<>();
        double iouSum = 0;
        double baselineIouSum = 0;
        int truthRegions = 0;
        double pieceIouSum = 0;
        int truthPieces = 0;
        int regionCount = 0;
        int baselineRegionCount = 0;
        long scoringStart = System.nanoTime();
        TokenThresholdRegions baseline = new TokenThresholdRegions();
        DefectTypes defectTypes = DefectTypes.read(data.root());
        RegionScorecard regionCard = new RegionScorecard(defectTypes, inspector.detector(), true);
        DetectionByType byType = new DetectionByType();
        ConceptScorecard conceptCard = conceptScorecard(data, good, learned, transformSeconds, transform);
        ConceptScorecard plainCard =
                transform != null && data.hasParts() ? conceptScorecard(data, good, null, 0, null) : null;
        Map<String, double[]> variantIou = new LinkedHashMap<>();
        variants.keySet().forEach(k -> variantIou.put(k, new double[1]));
        for (int from = 0; from < test.size(); from += batch) {
            List<LabelledDataset.TestFrame> chunk = test.subList(from, Math.min(test.size(), from + batch));
            List<RgbImage> images = new ArrayList<>();
            for (LabelledDataset.TestFrame t : chunk) {
                images.add(LabelledDataset.readImage(t.imagePath()));
            }
            List<InspectedFrame> results = inspector.inspect(images, profile, transform);
            List<InspectedFrame> plain = plainCard == null ? null : inspector.inspect(images, null, null);
            for (int k = 0; k < chunk.size(); k++) {
                int i = from + k;
                LabelledDataset.TestFrame t = chunk.get(k);
                InspectedFrame r = results.get(k);
                FrameAssessment a = r.assessment();
                int w = r.width();
                int h = r.height();
                int g = a.gridHeight();
                frameScores[i] = a.frameScore();
                frameTruth[i] = t.defective();
                predicted[i] = a.isDefective();
                Set<String> types = t.defective() ? defectTypes.typesIn(t.image()) : Set.of();
                byType.frame(a.frameScore(), t.defective(), a.isDefective(), types);
                // a defective frame without a mask has no pixel truth: it counts for the frame metrics only
                boolean pixelTruthKnown = !t.defective() || t.maskPath() != null;
                boolean[] mask =
                        t.maskPath() == null ? new boolean[w * h] : LabelledDataset.readMask(t.maskPath(), w, h);
                place.frame(r, t.defective(), pixelTruthKnown ? mask : null);
                if (pixelTruthKnown) {
                    pixelScores.add(a.pixelMap(w, h));
                    pixelTruth.add(mask);
                }
                if (tokensOnly != null) {
                    // the token channel alone, on the same profile's token bank: what the fusion adds
                    FrameAssessment own = inspector
                            .detector()
                            .assess(
                                    tokensOnly,
                                    r.scoringTokens(),
                                    r.modelOutput().dim(),
                                    r.segmentation(),
                                    w,
                                    h);
                    tokenFrameScores[i] = own.frameScore();
                    if (pixelTruthKnown) {
                        tokenPixelScores.add(own.pixelMap(w, h));
                    }
                }
                if (frameTable != null) {
                    frameTable.add(new FrameScoreTable.Row(
                            t.image(),
                            t.defective(),
                            types,
                            a.frameScore(),
                            a.threshold(),
                            a.isDefective(),
                            tokensOnly == null ? Float.NaN : tokenFrameScores[i],
                            tokensOnly == null ? Float.NaN : tokensOnly.threshold()));
                }
                List<boolean[]> mine = a.regionMasks(w, h);
                List<boolean[]> theirs = new ArrayList<>();
                for (TokenRegion tr :
                        baseline.find(a.tokenScores(), r.segmentation().labels(), g, a.gridWidth(), a.threshold())) {
                    theirs.add(MaskUpsampling.pixelMask(tr.cells(g * a.gridWidth()), g, a.gridWidth(), w, h));
                }
                regionCount += mine.size();
                baselineRegionCount += theirs.size();
                List<boolean[]> pieces =
                        t.defective() && pixelTruthKnown ? TruthRegions.of(mask, w, h, TRUTH_JOIN_RADIUS) : List.of();
                // one true region per painted defect where the dataset records their boxes
                List<boolean[]> truths = TruthRegions.byDefect(pieces, defectTypes.boxesIn(t.image()), w);
                for (boolean[] piece : pieces) {
                    pieceIouSum += RegionOverlap.bestMatch(piece, mine);
                }
                truthPieces += pieces.size();
                regionCard.frame(t.image(), r, truths);
                conceptCard.frame(t, r);
                if (plainCard != null) {
                    plainCard.frame(t, plain.get(k));
                }
                if (t.defective()) {
                    Map<String, List<boolean[]>> other = new LinkedHashMap<>();
                    variants.forEach((name, finder) -> other.put(
                            name, pixelRegions(finder, a, r.segmentation().labels(), w, h)));
                    for (boolean[] truth : truths) {
                        iouSum += RegionOverlap.bestMatch(truth, mine);
                        baselineIouSum += RegionOverlap.bestMatch(truth, theirs);
                        other.forEach(
                                (name, regions) -> variantIou.get(name)[0] += RegionOverlap.bestMatch(truth, regions));
                        truthRegions++;
                    }
                }
            }
            progress.accept(Math.min(test.size(), from + batch), test.size());
        }
        double scoringSeconds = (System.nanoTime() - scoringStart - regionCard.nanos()) / 1e9;
        Double imageAuroc = bothClasses(frameTruth) ? Auroc.of(frameScores, frameTruth) : null;
        Double pixelAuroc = pixelAuroc(pixelScores, pixelTruth);
        double[] pr = precisionRecall(predicted, frameTruth);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image_auroc", imageAuroc);
        m.put("pixel_auroc", pixelAuroc);
        m.put("region_iou", truthRegions == 0 ? 0 : iouSum / truthRegions);
        // before defects' pieces were joined: every connected piece of the truth counted as a region
        m.put("region_iou_by_piece", truthPieces == 0 ? 0 : pieceIouSum / truthPieces);
        m.put("precision", pr[0]);
        m.put("recall", pr[1]);
        if (imageAuroc != null) {
            // what the scores allow at the goal's precision, against what the calibrated threshold gives
            BestRecall.Result best = BestRecall.atPrecision(frameScores, frameTruth, ORACLE_PRECISION);
            m.put("oracle_recall_at_precision_95", best.recall());
            m.put(
                    "oracle_threshold_share",
                    Double.isNaN(best.lowestFlagged()) ? null : best.lowestFlagged() / profile.threshold());
        }
        m.put("baseline_image_auroc", imageAuroc);
        m.put("baseline_pixel_auroc", pixelAuroc);
        m.put("baseline_region_iou", truthRegions == 0 ? 0 : baselineIouSum / truthRegions);
        m.put("baseline_precision", pr[0]);
        m.put("baseline_recall", pr[1]);
        for (var e : variantIou.entrySet()) {
            m.put("region_iou@" + e.getKey(), truthRegions == 0 ? 0 : e.getValue()[0] / truthRegions);
        }
        place.put(m, imageAuroc, pixelAuroc);
        regionCard.put(m);
        byType.put(m);
        conceptCard.put(m);
        if (plainCard != null) {
            plainCard.putWithoutTransform(m);
        }
        m.put("transform", transformChoice.name().toLowerCase(java.util.Locale.ROOT));
        m.put("threshold", profile.threshold());
        m.put("test_frames", test.size());
        m.put("defective_frames", countTrue(frameTruth));
        m.put("truth_regions", truthRegions);
        m.put("truth_pieces", truthPieces);
        m.put("predicted_regions", regionCount);
        m.put("baseline_predicted_regions", baselineRegionCount);
        m.put("calibration_frames", good.size());
        m.put("profile_bank_size", profile.bankSize());
        m.put(
                "profile_zoom_bank_size",
                profile.zoom() == null ? 0 : profile.zoom().bank().perPlace());
        m.put(
                "profile_appearance_patches",
                profile.appearance() == null ? 0 : profile.appearance().bank().size());
        if (tokensOnly != null) {
            m.put("tokens_only_image_auroc", imageAuroc == null ? null : Auroc.of(tokenFrameScores, frameTruth));
            m.put("tokens_only_pixel_auroc", pixelAuroc(tokenPixelScores, pixelTruth));
        }
        m.put("calibration_seconds", calibrationSeconds);
        m.putAll(zoomChoice.figures());
        m.put("zoom_choice_seconds", zoomChoiceSeconds);
        m.put("scoring_frames_per_s", test.size() / scoringSeconds);
        if (selfCheck) {
            m.putAll(new PaintedSelfCheck(inspector).run(good, zoomChoice.scale()));
        }
        if (pixelBaseline) {
            m.putAll(new RawPixelBaseline(inspector.runner().config().imageSize()).evaluate(data));
        }
        return m;
    }

    /**
     * With part ids: the k-means anchor over W z (learned: the W learned on the good frames, issue 19
     * first cut) and concept prototypes from the good frames' concepts, their maps through
     * {@code transform} (null: plain maps).
     */
    private ConceptScorecard conceptScorecard(
            LabelledDataset data,
            List<RgbImage> good,
            ConsistencyTrainer.Result learned,
            double learnedSeconds,
            TokenTransform transform) {
        if (!data.hasParts()) {
            return new ConceptScorecard();
        }
        long start = System.nanoTime();
        var prototypes = inspector.conceptPrototypes(good, batch, ConceptPrototypes.DEFAULT_MAX_DISTANCE, transform);
        return new ConceptScorecard(learned, learnedSeconds, prototypes, (System.nanoTime() - start) / 1e9)
                .withResolution(conceptResolution);
    }

    private static List<boolean[]> pixelRegions(RegionFinder finder, FrameAssessment a, int[] labels, int w, int h) {
        int g = a.gridHeight();
        List<boolean[]> out = new ArrayList<>();
        for (TokenRegion tr : finder.find(a.tokenScores(), labels, g, a.gridWidth(), a.threshold())) {
            out.add(MaskUpsampling.pixelMask(tr.cells(g * a.gridWidth()), g, a.gridWidth(), w, h));
        }
        return out;
    }

    private static double[] precisionRecall(boolean[] predicted, boolean[] truth) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] && truth[i]) {
                tp++;
            } else if (predicted[i]) {
                fp++;
            } else if (truth[i]) {
                fn++;
            }
        }
        return new double[] {tp + fp == 0 ? 0 : (double) tp / (tp + fp), tp + fn == 0 ? 0 : (double) tp / (tp + fn)};
    }

    private static int countTrue(boolean[] b) {
        int n = 0;
        for (boolean v : b) {
            if (v) {
                n++;
            }
        }
        return n;
    }

    /** Whether the test frames hold good and defective ones (a feedback export may hold one kind). */
    private static boolean bothClasses(boolean[] truth) {
        int defective = countTrue(truth);
        return defective > 0 && defective < truth.length;
    }

    /**
     * The pixel AUROC, or null when no frame has a defect mask (a dataset exported from operator
     * feedback: its confirmed defects are labelled by frame, not by pixel).
     */
    static Double pixelAuroc(List<float[]> scores, List<boolean[]> truth) {
        return Auroc.ofPixels(scores, truth);
    }

    /** The parts one after another. */
    static float[] concat(List<float[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
