package io.ultraline.defect;

import io.ultraline.ultra.MaskUpsampling;
import io.ultraline.ultra.PixelBox;
import io.ultraline.ultra.RunLengthMask;
import io.ultraline.ultra.Segmentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The defect side of ultraline in one place: calibrates profiles ({@link #newCalibration}) and
 * assesses frames against them ({@link #assess}). Immutable and thread-safe; one instance can
 * serve every camera.
 */
public final class DefectDetector {

    private final ProfileConfig profileConfig;
    private final RegionFinder regionFinder;
    private final PixelMasker pixelMasker;
    private final float shiftedViewsFrom;

    /** A detector with the given calibration, region rule and pixel masks. */
    public DefectDetector(ProfileConfig profileConfig, RegionFinder regionFinder, PixelMasker pixelMasker) {
        this(profileConfig, regionFinder, pixelMasker, SHIFTED_VIEWS_FROM);
    }

    private DefectDetector(
            ProfileConfig profileConfig, RegionFinder regionFinder, PixelMasker pixelMasker, float shiftedViewsFrom) {
        if (profileConfig == null || regionFinder == null || pixelMasker == null) {
            throw new IllegalArgumentException("profileConfig, regionFinder and pixelMasker are required");
        }
        if (!(shiftedViewsFrom >= 0f && shiftedViewsFrom <= 1f)) {
            throw new IllegalArgumentException("shiftedViewsFrom must be in [0, 1], got " + shiftedViewsFrom);
        }
        this.profileConfig = profileConfig;
        this.regionFinder = regionFinder;
        this.pixelMasker = pixelMasker;
        this.shiftedViewsFrom = shiftedViewsFrom;
    }

    /**
     * This detector with frames scored on their shifted views from {@code share} of the threshold
     * on (see {@link #SHIFTED_VIEWS_FROM}); 0 scores every frame on all its views, as pipelines
     * before 0.5.0 did.
     */
    public DefectDetector withShiftedViewsFrom(float share) {
        return new DefectDetector(profileConfig, regionFinder, pixelMasker, share);
    }

    /** A detector with the given calibration and region rule, and {@link #defaultPixelMasker()}. */
    public DefectDetector(ProfileConfig profileConfig, RegionFinder regionFinder) {
        this(profileConfig, regionFinder, defaultPixelMasker());
    }

    /** A detector with {@link ConceptHysteresisRegions} under {@code regionConfig}. */
    public DefectDetector(ProfileConfig profileConfig, RegionConfig regionConfig) {
        this(profileConfig, new ConceptHysteresisRegions(regionConfig));
    }

    /** {@link ProfileConfig#defaults()} and {@link RegionConfig#defaults()}. */
    public static DefectDetector withDefaults() {
        return new DefectDetector(ProfileConfig.defaults(), RegionConfig.defaults());
    }

    /**
     * The region rule the service runs: connected token cells above the threshold
     * ({@link TokenThresholdRegions}), shaped at pixel level by {@link #defaultPixelMasker()}. It
     * beat the ULTra concept rule on region IoU (0.460 against 0.430, mean of 13 datasets,
     * docs/evaluation.md), which issue 18 asks to make the default until a concept rule wins;
     * evaluate keeps reporting both.
     */
    public static RegionFinder defaultRegionFinder() {
        return new TokenThresholdRegions();
    }

    /** The calibration settings. */
    public ProfileConfig profileConfig() {
        return profileConfig;
    }

    /** The region rule. */
    public RegionFinder regionFinder() {
        return regionFinder;
    }

    /** How regions become pixel masks when the frame's pixels are at hand. */
    public PixelMasker pixelMasker() {
        return pixelMasker;
    }

    /**
     * The pixel masks docs/evaluation.md measured best: colour departure from the nearest ring of
     * background tokens ({@link AppearanceMasker.Background#NEAREST}, 90 % held-out quantile),
     * with pixel hysteresis at 0.9 of the departure limit, falling back to pixel hysteresis of the
     * score map at 0.6 of the threshold. It lifted mean region IoU over 14 datasets from 0.433
     * (geometric ring, no hysteresis) to 0.452 and lost on none by more than 0.01.
     */
    public static PixelMasker defaultPixelMasker() {
        return new AppearanceMasker(
                AppearanceMasker.Background.NEAREST, 0, 1, 0.9f, 0.9f, new ScoreHysteresisMasker(0.6f));
    }

    /** A new calibration for tokens of dimension {@code tokenDim}. */
    public ProfileBuilder newCalibration(int tokenDim) {
        return new ProfileBuilder(profileConfig, tokenDim);
    }

    /**
     * Scores one frame against a profile and cuts its defect regions.
     *
     * @param profile the camera's reference profile
     * @param tokens the frame's patch tokens, row-major {@code N * dim} floats, or those of k x k
     *     shifted views of it, view-major ({@link ShiftedGridScores})
     * @param dim token dimension; must equal the profile's
     * @param segmentation the frame's ULTra segmentation, on a grid of N tokens
     * @param frameWidth frame width in pixels, at least the grid width
     * @param frameHeight frame height in pixels, at least the grid height
     * @throws IllegalArgumentException if the sizes disagree or a token value is not finite
     */
    public FrameAssessment assess(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            Segmentation segmentation,
            int frameWidth,
            int frameHeight) {
        return assess(profile, tokens, dim, segmentation, frameWidth, frameHeight, null);
    }

    /**
     * As {@link #assess(ReferenceProfile, float[], int, Segmentation, int, int)}, and each region
     * also gets a pixel mask at the resolution of {@code pixels} (which show the whole frame,
     * possibly resized) from this detector's {@link PixelMasker}. Which frames are defects does not
     * change; a region whose mask holds marks apart from each other becomes one region per mark
     * ({@link RegionSplit}), each with the tokens its pixels lie in.
     *
     * @param pixels the frame's colours, or null for token-grid regions only
     */
    public FrameAssessment assess(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            Segmentation segmentation,
            int frameWidth,
            int frameHeight,
            FramePixels pixels) {
        return assess(profile, tokens, dim, segmentation, frameWidth, frameHeight, pixels, null);
    }

    /**
     * As {@link #assess(ReferenceProfile, float[], int, Segmentation, int, int, FramePixels)}, and
     * when the profile has a raw-pixel channel and {@code modelInput} is given, that channel's
     * scores join the token scores ({@link AppearanceFusion}): the frame score and the pixel map
     * become the mean of the two channels in token-score units, and regions grow on the token cells
     * with a seed where the fused map peaks.
     *
     * @param modelInput the frame as the model saw it, {@link AppearanceBank#quantise quantised},
     *     or null to score tokens only
     */
    public FrameAssessment assess(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            Segmentation segmentation,
            int frameWidth,
            int frameHeight,
            FramePixels pixels,
            byte[] modelInput) {
        return assess(profile, tokens, dim, segmentation, frameWidth, frameHeight, pixels, modelInput, null);
    }

    /**
     * As {@link #assess(ReferenceProfile, float[], int, Segmentation, int, int, FramePixels, byte[])},
     * with the frame's tile tokens for a profile with a {@link ZoomChannel}.
     *
     * @param tileTokens the frame's tile tokens at the profile's zoom scale; required exactly when
     *     the profile has a zoom channel
     */
    public FrameAssessment assess(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            Segmentation segmentation,
            int frameWidth,
            int frameHeight,
            FramePixels pixels,
            byte[] modelInput,
            float[] tileTokens) {
        return regions(
                scoreWithPixelScores(
                        profile,
                        tokens,
                        dim,
                        segmentation.gridHeight(),
                        segmentation.gridWidth(),
                        frameWidth,
                        frameHeight,
                        pixelScores(profile, modelInput),
                        tileTokens),
                segmentation,
                frameWidth,
                frameHeight,
                pixels);
    }

    /**
     * The second stage of two-stage inference for a flagged frame: its first-stage assessment
     * ({@link #score}) with the defect regions cut from its concepts, so the token banks are not
     * searched again. {@code regions(score(...), ...)} equals {@link #assess} with the same inputs.
     *
     * @param scored the frame's scores from {@link #score}, on the segmentation's grid
     * @param pixels the frame's colours for pixel masks, or null for token-grid regions only
     * @throws IllegalArgumentException if the grids differ
     */
    public FrameAssessment regions(
            FrameAssessment scored, Segmentation segmentation, int frameWidth, int frameHeight, FramePixels pixels) {
        int gridH = segmentation.gridHeight();
        int gridW = segmentation.gridWidth();
        if (scored.gridHeight() != gridH || scored.gridWidth() != gridW) {
            throw new IllegalArgumentException("scores on a " + scored.gridHeight() + " x " + scored.gridWidth()
                    + " grid, concepts on " + gridH + " x " + gridW);
        }
        float[] scores = scored.tokenScores();
        float threshold = scored.threshold();
        List<TokenRegion> found = regionFinder.find(scores, segmentation.labels(), gridH, gridW, threshold);
        List<DefectRegionResult> regions = new ArrayList<>(found.size());
        if (!found.isEmpty()) {
            found = new ArrayList<>(found);
            found.sort(Comparator.comparingDouble((TokenRegion r) -> -r.maxScore(scores))
                    .thenComparingInt(r -> r.tokens()[0]));
            RegionContext context = pixels == null
                    ? null
                    : new RegionContext(pixels, scores, segmentation.labels(), gridH, gridW, threshold, found);
            for (TokenRegion region : found) {
                if (context == null) {
                    regions.add(result(region, scores, segmentation, gridH, gridW, frameWidth, frameHeight));
                    continue;
                }
                List<boolean[]> parts =
                        RegionSplit.parts(pixelMasker.mask(context, region), pixels.width(), pixels.height());
                for (boolean[] part : parts) {
                    // one part keeps the region's tokens; several each take the tokens their pixels lie in
                    TokenRegion tokens = parts.size() == 1 ? region : tokensOf(part, region.conceptId(), context);
                    DefectRegionResult r = result(tokens, scores, segmentation, gridH, gridW, frameWidth, frameHeight);
                    regions.add(withPixels(r, part, pixels, frameWidth, frameHeight));
                }
            }
            // parts take their own tokens' scores; the sort is stable, so equal scores keep their order
            regions.sort(Comparator.comparingDouble(r -> -r.score()));
        }
        return new FrameAssessment(
                gridH, gridW, scored.frameScore(), threshold, scores, regions, scored.fineScale(), scored.fineScores());
    }

    /**
     * The first stage of two-stage inference: scores one frame from its tokens alone, without ULTra
     * maps, and decides the verdict. The frame score, threshold and token scores are those
     * {@link #assess} gives; the regions are left out, since every {@link RegionFinder} finds one
     * exactly when the frame score passes the threshold, so an OK frame's assessment is complete
     * and a DEFECT frame needs {@link #assess} (with its segmentation) for its regions.
     *
     * @param gridH token rows
     * @param gridW token columns
     * @throws IllegalArgumentException as {@link #assess} does
     */
    public FrameAssessment score(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            int gridH,
            int gridW,
            int frameWidth,
            int frameHeight,
            byte[] modelInput) {
        return scoreWithPixelScores(
                profile, tokens, dim, gridH, gridW, frameWidth, frameHeight, pixelScores(profile, modelInput));
    }

    /**
     * As {@link #score(ReferenceProfile, float[], int, int, int, int, int, byte[])}, with the raw-pixel
     * channel's scores of the frame given: {@link #pixelScores} of the same profile and model input,
     * which do not depend on the tokens. A frame scored on its plain view and again on all its views
     * then searches the raw-pixel bank once; the result is the same.
     *
     * @param pixelScores the frame's {@link #pixelScores}, or null to score its tokens only
     */
    public FrameAssessment scoreWithPixelScores(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            int gridH,
            int gridW,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores) {
        return scoreWithPixelScores(profile, tokens, dim, gridH, gridW, frameWidth, frameHeight, pixelScores, null);
    }

    /**
     * As {@link #scoreWithPixelScores(ReferenceProfile, float[], int, int, int, int, int,
     * AppearanceBank.Scores)}, with the frame's tile tokens for a profile with a {@link ZoomChannel}.
     *
     * @param tileTokens the frame's tile tokens at the profile's zoom scale; required exactly when
     *     the profile has a zoom channel
     * @throws IllegalArgumentException where tiles are missing for a zoom channel, or given without one
     */
    public FrameAssessment scoreWithPixelScores(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            int gridH,
            int gridW,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores,
            float[] tileTokens) {
        ZoomChannel zoom = profile.zoom();
        if ((zoom == null) != (tileTokens == null)) {
            throw new IllegalArgumentException(
                    zoom == null
                            ? "tile tokens given for a profile without a zoom channel"
                            : "the profile has a " + zoom.scale()
                                    + "x zoom channel: the frame's tile tokens are required");
        }
        float[] zoomCells = zoom == null ? null : zoom.cellScores(tileTokens, dim, gridH, gridW);
        AppearanceFusion.Fused fused = fusedScores(
                profile, tokens, dim, gridH, gridW, frameWidth, frameHeight, pixelScores, zoomCells, shiftedViewsFrom);
        return new FrameAssessment(
                gridH,
                gridW,
                fused.frameScore(),
                profile.threshold(),
                fused.coarse(),
                List.of(),
                fused.fineScale(),
                fused.fine());
    }

    /**
     * The raw-pixel channel's scores of one quantised model input against the profile, or null when
     * the profile has no such channel or no input is given (tokens only).
     */
    public static AppearanceBank.Scores pixelScores(ReferenceProfile profile, byte[] modelInput) {
        AppearanceChannel appearance = modelInput == null ? null : profile.appearance();
        return appearance == null ? null : appearance.score(modelInput);
    }

    /**
     * A frame's plain view alone decides it when its fused score stays under this share of the
     * threshold; only a frame at or over it is scored on all k x k shifted views. The plain view's
     * score is a lower bound of the all-view score (the token channel's maximum over fewer tokens,
     * the same pixel channel), and the threshold sits above the held-out good frames' scores, so
     * most good frames need one forward pass and one bank search instead of k x k. How often the
     * other views would lift a frame from under this share to over the threshold, and what share
     * of frames needs them: docs/benchmarks.md, "Shifted views only near the threshold".
     */
    public static final float SHIFTED_VIEWS_FROM = 0.8f;

    /**
     * Whether a frame scored on its plain view alone ({@link #score} with one view's tokens) must
     * be scored again with its shifted views before its verdict is final.
     */
    public boolean needsShiftedViews(FrameAssessment plainView) {
        return nearThreshold(plainView.frameScore(), plainView.threshold(), shiftedViewsFrom);
    }

    /** The one rule of {@link #SHIFTED_VIEWS_FROM}: a plain-view score at or over that share of the threshold. */
    private static boolean nearThreshold(float plainScore, float threshold, float shiftedViewsFrom) {
        return plainScore >= shiftedViewsFrom * threshold;
    }

    private static AppearanceFusion.Fused fusedScores(
            ReferenceProfile profile,
            float[] tokens,
            int dim,
            int gridH,
            int gridW,
            int frameWidth,
            int frameHeight,
            AppearanceBank.Scores pixelScores,
            float[] zoomCells,
            float shiftedViewsFrom) {
        int n = gridH * gridW;
        int shifts = shiftsOf(tokens.length, n, dim);
        if (shifts == 0) {
            throw new IllegalArgumentException("a " + gridH + " x " + gridW + " segmentation needs "
                    + n + " tokens of dimension " + dim + " (" + (long) n * dim + " floats) per shifted"
                    + " view, k x k views, got " + tokens.length + " floats");
        }
        if (frameWidth < gridW || frameHeight < gridH) {
            throw new IllegalArgumentException("a " + frameWidth + " x " + frameHeight
                    + " frame is smaller than the " + gridW + " x " + gridH
                    + " token grid: some tokens would cover no pixel");
        }
        if (pixelScores != null && profile.appearance() == null) {
            throw new IllegalArgumentException("raw-pixel scores given for a profile without a raw-pixel channel");
        }
        float[] plainTokens = shifts == 1 ? tokens : Arrays.copyOf(tokens, n * dim);
        float[] plain = tokenDistances(profile, plainTokens, dim, 0);
        AppearanceFusion.Fused plainView = fuse(profile, plain, gridH, gridW, 1, pixelScores, zoomCells);
        if (shifts == 1 || !nearThreshold(plainView.frameScore(), profile.threshold(), shiftedViewsFrom)) {
            return plainView;
        }
        float[] others = tokenDistances(profile, Arrays.copyOfRange(tokens, n * dim, tokens.length), dim, n);
        float[] all = Arrays.copyOf(plain, n * shifts * shifts);
        System.arraycopy(others, 0, all, n, others.length);
        return fuse(profile, all, gridH, gridW, shifts, pixelScores, zoomCells);
    }

    private static AppearanceFusion.Fused fuse(
            ReferenceProfile profile,
            float[] distances,
            int gridH,
            int gridW,
            int shifts,
            AppearanceBank.Scores pixelScores,
            float[] zoomCells) {
        AppearanceFusion.Fused base = fuse(profile, distances, gridH, gridW, shifts, pixelScores);
        return zoomCells == null ? base : ZoomFusion.fuse(base, zoomCells, profile.zoom(), gridH, gridW);
    }

    private static AppearanceFusion.Fused fuse(
            ReferenceProfile profile,
            float[] distances,
            int gridH,
            int gridW,
            int shifts,
            AppearanceBank.Scores pixelScores) {
        ShiftedGridScores shifted = ShiftedGridScores.of(distances, gridH, gridW, shifts);
        if (pixelScores == null) {
            return new AppearanceFusion.Fused(shifted.coarse(), shifted.fineMean(), shifts, shifted.frameScore());
        }
        AppearanceChannel appearance = profile.appearance();
        return AppearanceFusion.fuse(
                shifted,
                pixelScores,
                appearance.bank().imageSize(),
                gridH,
                gridW,
                appearance.scale(),
                profile.baseThreshold() / Math.max(profile.tokenChannelThreshold(), AppearanceChannel.MIN_THRESHOLD));
    }

    /**
     * The token channel: by place where the profile's switch is on, else against the whole bank.
     *
     * @param firstPlace the place of the first token: views are scored apart (the plain view first)
     */
    private static float[] tokenDistances(ReferenceProfile profile, float[] tokens, int dim, int firstPlace) {
        if (!profile.scoresByPlace()) {
            return TokenScorer.tokenScores(profile.bank(), tokens, dim);
        }
        if (dim != profile.tokenDim()) {
            throw new IllegalArgumentException("tokens have dimension " + dim + " but the profile's place bank holds "
                    + profile.tokenDim() + " (was the profile calibrated with another model?)");
        }
        MemoryBank.requireTokens(tokens, dim, "frame");
        return profile.places().nearestDistances(tokens, firstPlace);
    }

    /** k when {@code floats} holds k x k views of n tokens of dimension dim, else 0. */
    static int shiftsOf(long floats, int n, int dim) {
        if (floats <= 0 || floats % ((long) n * dim) != 0) {
            return 0;
        }
        long views = floats / ((long) n * dim);
        int k = (int) Math.round(Math.sqrt(views));
        return (long) k * k == views ? k : 0;
    }

    private static TokenRegion tokensOf(boolean[] part, int conceptId, RegionContext context) {
        boolean[] cells = new boolean[context.gridH() * context.gridW()];
        for (int p = 0; p < part.length; p++) {
            if (part[p]) {
                cells[context.cellOf(p)] = true;
            }
        }
        return new TokenRegion(
                conceptId,
                IntStream.range(0, cells.length).filter(c -> cells[c]).toArray());
    }

    private static DefectRegionResult withPixels(
            DefectRegionResult r, boolean[] mask, FramePixels pixels, int frameWidth, int frameHeight) {
        int mw = pixels.width();
        int mh = pixels.height();
        return new DefectRegionResult(
                r.conceptId(),
                r.mask(),
                PixelRegionShape.box(mask, mw, mh, frameWidth, frameHeight),
                r.tokenArea(),
                PixelRegionShape.area(mask, mw, mh, frameWidth, frameHeight),
                r.score(),
                r.explanation(),
                RunLengthMask.encode(mask, mh, mw));
    }

    private static DefectRegionResult result(
            TokenRegion region,
            float[] scores,
            Segmentation segmentation,
            int gridH,
            int gridW,
            int width,
            int height) {
        int n = gridH * gridW;
        boolean[] cells = region.cells(n);
        PixelBox box = MaskUpsampling.boundingBox(cells, gridH, gridW, width, height)
                .orElseThrow(() -> new IllegalStateException("a region covers no pixel"));
        int pixelArea = Math.toIntExact(MaskUpsampling.pixelArea(cells, gridH, gridW, width, height));
        return new DefectRegionResult(
                region.conceptId(),
                RunLengthMask.encode(cells, gridH, gridW),
                box,
                region.size(),
                pixelArea,
                region.maxScore(scores),
                QuantisedHeatmap.quantise(RegionRelevance.of(region, segmentation), gridH, gridW));
    }
}
