package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.ultra.PixelBox;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.Test;

/**
 * End to end on a 6 x 6 grid of 8-dimensional tokens: every patch position has its own normal
 * prototype; good frames add small noise; a defect shifts a block of patches far away. The ULTra
 * maps are built so that the tokens of each block look at their own block, as a real model's
 * tokens look at the object part they belong to.
 */
class DefectDetectorTest {

    private static final int G = 6;
    private static final int N = G * G;
    private static final int D = 8;
    /** Rows 1-2, columns 3-4. */
    private static final int[] BLOCK = {9, 10, 15, 16};
    /** Rows 4-5, columns 0-1. */
    private static final int[] OTHER_BLOCK = {24, 25, 30, 31};

    private final float[] prototypes = new Gaussians(41).tokens(N, D, 0f, 1f);
    private final Gaussians noise = new Gaussians(42);

    private float[] goodFrame(float sigma) {
        float[] frame = noise.tokens(N, D, 0f, sigma);
        for (int i = 0; i < frame.length; i++) {
            frame[i] += prototypes[i];
        }
        return frame;
    }

    private static void shift(float[] frame, int[] tokens, float by) {
        for (int token : tokens) {
            for (int d = 0; d < D; d++) {
                frame[token * D + d] += by;
            }
        }
    }

    private ReferenceProfile calibrate() {
        ProfileBuilder builder = DefectDetector.withDefaults().newCalibration(D);
        for (int k = 0; k < 10; k++) {
            builder.add(goodFrame(0.1f));
        }
        return builder.build(3, Instant.parse("2025-05-05T05:05:05Z"));
    }

    /** ULTra segmentation where each group of tokens looks at its own patches. */
    /** As {@link #segmentation}, from the maps of {@code targets} only (sparse targets, issue 21). */
    private static Segmentation sparseSegmentation(int[] targets, int[]... blocks) {
        float[][] all = blockMaps(blocks);
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = all[targets[k]];
        }
        return new UltraSegmenter(SegmenterConfig.paper()).segment(rows, targets, G, G);
    }

    @Test
    void withSparseTargetsTheBlockIsStillOneRegionExplainedByItsOneTarget() {
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);
        Segmentation sparse = sparseSegmentation(new int[] {0, 5, BLOCK[1], 35}, BLOCK);
        assertThat(sparse.targetCount()).isEqualTo(4);

        DefectRegionResult region = DefectDetector.withDefaults()
                .assess(calibrate(), frame, D, sparse, 60, 60)
                .regions()
                .get(0);

        assertThat(region.mask().decode()).containsExactly(cells(BLOCK));
        QuantisedHeatmap explanation = region.explanation();
        for (int i = 0; i < N; i++) {
            assertThat(explanation.values()[i] & 0xff)
                    .as("patch %d", i)
                    .is(
                            contains(BLOCK, i)
                                    ? new Condition<>(q -> q > 200, "high")
                                    : new Condition<>(q -> q < 10, "low"));
        }
        // one map, that of BLOCK[1], about 1 on the block after the self-entry fix
        assertThat(explanation.max()).isBetween(1f, 1.05f);
    }

    private static float[][] blockMaps(int[]... blocks) {
        int[] group = new int[N];
        for (int b = 0; b < blocks.length; b++) {
            for (int token : blocks[b]) {
                group[token] = b + 1;
            }
        }
        SplittableRandom random = new SplittableRandom(43);
        float[][] maps = new float[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                maps[i][j] = (group[i] == group[j] ? 1f : 0f) + 0.01f * (float) random.nextDouble();
            }
            maps[i][i] = 30f;
        }
        return maps;
    }

    private static Segmentation segmentation(int[]... blocks) {
        return new UltraSegmenter(SegmenterConfig.paper()).segment(blockMaps(blocks), G, G);
    }

    /** A profile with a raw-pixel channel, from ten good frames of {@code size} pixels a side. */
    private ReferenceProfile pixelChannelProfile(int size) {
        ProfileBuilder builder = DefectDetector.withDefaults().newCalibration(D);
        for (int k = 0; k < 10; k++) {
            builder.add(goodFrame(0.1f), AppearanceBank.quantise(AppearanceTestFrames.good(200 + k, size)));
        }
        return builder.build(3, Instant.parse("2025-05-05T05:05:05Z"));
    }

    @Test
    void aFrameOnlyThePixelChannelFlagsStillGetsARegionWhereThePixelsDepart() {
        int size = G * 8;
        ReferenceProfile profile = pixelChannelProfile(size);
        DefectDetector detector = DefectDetector.withDefaults();
        float[] tokens = goodFrame(0.1f);
        // a red spot in token cell (row 4, column 1): pixels 32..39 down, 8..15 across
        byte[] spotted = AppearanceBank.quantise(AppearanceTestFrames.withSpot(300, 10, 34, size));

        FrameAssessment tokensOnly = detector.assess(profile, tokens, D, segmentation(BLOCK), 60, 60, null, null);
        FrameAssessment fused = detector.assess(profile, tokens, D, segmentation(BLOCK), 60, 60, null, spotted);
        FrameAssessment clean = detector.assess(
                profile,
                tokens,
                D,
                segmentation(BLOCK),
                60,
                60,
                null,
                AppearanceBank.quantise(AppearanceTestFrames.good(300, size)));

        assertThat(profile.appearance()).isNotNull();
        assertThat(tokensOnly.isDefective()).isFalse();
        assertThat(clean.isDefective()).isFalse();
        assertThat(fused.isDefective()).isTrue();
        assertThat(fused.regions()).isNotEmpty();
        boolean[] cells = fused.regions().get(0).mask().decode();
        assertThat(cells[4 * G + 1]).isTrue();
        assertThat(fused.fineScale()).isEqualTo(8);
    }

    @Test
    void aShiftedBlockOfPatchesIsExactlyOneRegion() {
        ReferenceProfile profile = calibrate();
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);
        Segmentation segmentation = segmentation(BLOCK);
        assertThat(segmentation.conceptCount()).isEqualTo(2);
        assertThat(segmentation.conceptMask(segmentation.label(BLOCK[0])).decode())
                .containsExactly(cells(BLOCK));

        FrameAssessment assessment = DefectDetector.withDefaults().assess(profile, frame, D, segmentation, 60, 60);

        assertThat(assessment.isDefective()).isTrue();
        assertThat(assessment.threshold()).isEqualTo(profile.threshold());
        assertThat(assessment.regions()).hasSize(1);
        DefectRegionResult region = assessment.regions().get(0);
        assertThat(region.mask().decode()).containsExactly(cells(BLOCK));
        assertThat(region.conceptId()).isEqualTo(segmentation.label(BLOCK[0]));
        assertThat(region.tokenArea()).isEqualTo(4);
        assertThat(region.box()).isEqualTo(new PixelBox(30, 10, 20, 20));
        assertThat(region.pixelArea()).isEqualTo(400);
        float[] scores = assessment.tokenScores();
        assertThat(region.score()).isEqualTo(assessment.frameScore());
        assertThat(region.score()).isEqualTo(max(scores, BLOCK));
        for (int i = 0; i < N; i++) {
            if (!contains(BLOCK, i)) {
                assertThat(scores[i]).as("normal token %d", i).isLessThan(profile.threshold() * 0.6f);
            }
        }
    }

    @Test
    void theFirstStageScoreDecidesAsTheFullAssessmentWithoutSegmentationOrRegions() {
        ReferenceProfile profile = calibrate();
        DefectDetector detector = DefectDetector.withDefaults();
        float[] bad = goodFrame(0.02f);
        shift(bad, BLOCK, 3f);
        float[] good = goodFrame(0.02f);
        for (float[] frame : List.of(bad, good)) {
            FrameAssessment full = detector.assess(profile, frame, D, segmentation(BLOCK), 60, 60);
            FrameAssessment first = detector.score(profile, frame, D, G, G, 60, 60, null);
            assertThat(first.isDefective()).isEqualTo(full.isDefective());
            assertThat(first.frameScore()).isEqualTo(full.frameScore());
            assertThat(first.threshold()).isEqualTo(full.threshold());
            assertThat(first.tokenScores()).containsExactly(full.tokenScores());
            assertThat(first.regions()).isEmpty();
        }
        assertThat(detector.score(profile, bad, D, G, G, 60, 60, null).isDefective())
                .isTrue();
    }

    /** Four views of one frame, view-major as the inspector writes them: the plain view first. */
    private static float[] views(float[] plain, float[] shifted) {
        float[] all = new float[4 * N * D];
        System.arraycopy(plain, 0, all, 0, N * D);
        for (int v = 1; v < 4; v++) {
            System.arraycopy(shifted, 0, all, v * N * D, N * D);
        }
        return all;
    }

    /** A profile of four-view frames, as the inspector calibrates with 2 x 2 shifts. */
    private ReferenceProfile calibrateViews() {
        ProfileBuilder builder = DefectDetector.withDefaults().newCalibration(D);
        for (int k = 0; k < 10; k++) {
            builder.add(views(goodFrame(0.1f), goodFrame(0.1f)));
        }
        return builder.build(3, Instant.parse("2025-05-05T05:05:05Z"));
    }

    @Test
    void aFrameWhosePlainViewStaysWellUnderTheThresholdIsDecidedOnItAlone() {
        ReferenceProfile profile = calibrateViews();
        DefectDetector detector = DefectDetector.withDefaults();
        float[] plain = goodFrame(0.02f);
        float[] shifted = goodFrame(0.02f);
        shift(shifted, BLOCK, 3f);

        FrameAssessment plainOnly = detector.score(profile, plain, D, G, G, 60, 60, null);
        FrameAssessment four = detector.score(profile, views(plain, shifted), D, G, G, 60, 60, null);

        assertThat(plainOnly.frameScore()).isLessThan(DefectDetector.SHIFTED_VIEWS_FROM * profile.threshold());
        assertThat(four).isEqualTo(plainOnly);
        assertThat(four.isDefective()).isFalse();
        assertThat(four.fineScale()).isEqualTo(1);
    }

    @Test
    void rawPixelScoresComputedBeforeGiveTheSameAssessment() {
        int size = G * 8;
        ReferenceProfile profile = pixelChannelProfile(size);
        DefectDetector detector = DefectDetector.withDefaults();
        float[] tokens = goodFrame(0.1f);
        byte[] spotted = AppearanceBank.quantise(AppearanceTestFrames.withSpot(300, 10, 34, size));

        AppearanceBank.Scores pixels = DefectDetector.pixelScores(profile, spotted);
        FrameAssessment computed = detector.score(profile, tokens, D, G, G, 60, 60, spotted);
        FrameAssessment given = detector.scoreWithPixelScores(profile, tokens, D, G, G, 60, 60, pixels);

        assertThat(pixels).isNotNull();
        assertThat(computed.isDefective()).isTrue();
        assertThat(given).isEqualTo(computed);
        assertThat(DefectDetector.pixelScores(profile, null)).isNull();
        ReferenceProfile tokensOnly = profile.withoutAppearance();
        assertThat(DefectDetector.pixelScores(tokensOnly, spotted)).isNull();
        assertThatThrownBy(() -> detector.scoreWithPixelScores(tokensOnly, tokens, D, G, G, 60, 60, pixels))
                .hasMessageContaining("without a raw-pixel channel");
    }

    @Test
    void aFrameWhosePlainViewComesNearTheThresholdIsScoredOnEveryView() {
        ReferenceProfile profile = calibrateViews();
        DefectDetector detector = DefectDetector.withDefaults();
        float[] plain = goodFrame(0.02f);
        shift(plain, BLOCK, 3f);
        float[] shifted = goodFrame(0.02f);
        shift(shifted, OTHER_BLOCK, 6f);

        FrameAssessment plainOnly = detector.score(profile, plain, D, G, G, 60, 60, null);
        FrameAssessment four = detector.score(profile, views(plain, shifted), D, G, G, 60, 60, null);
        FrameAssessment allViews =
                detector.withShiftedViewsFrom(0f).score(profile, views(plain, shifted), D, G, G, 60, 60, null);

        assertThat(detector.needsShiftedViews(plainOnly)).isTrue();
        assertThat(four.fineScale()).isEqualTo(2);
        assertThat(four).isEqualTo(allViews);
        assertThat(four.frameScore()).isGreaterThan(plainOnly.frameScore());
    }

    @Test
    void shiftedViewsAreNeededFromTheirShareOfTheThresholdOn() {
        float threshold = 2f;
        float from = DefectDetector.SHIFTED_VIEWS_FROM * threshold;
        FrameAssessment at = new FrameAssessment(G, G, from, threshold, new float[N], List.of());
        FrameAssessment under = new FrameAssessment(G, G, Math.nextDown(from), threshold, new float[N], List.of());
        DefectDetector detector = DefectDetector.withDefaults();
        assertThat(detector.needsShiftedViews(at)).isTrue();
        assertThat(detector.needsShiftedViews(under)).isFalse();
        assertThat(detector.withShiftedViewsFrom(0f).needsShiftedViews(under)).isTrue();
        assertThatThrownBy(() -> detector.withShiftedViewsFrom(1.5f)).hasMessageContaining("shiftedViewsFrom");
    }

    @Test
    void fromZeroEveryFrameIsScoredOnAllItsViews() {
        ReferenceProfile profile = calibrateViews();
        DefectDetector detector = DefectDetector.withDefaults().withShiftedViewsFrom(0f);
        float[] plain = goodFrame(0.02f);
        float[] shifted = goodFrame(0.02f);
        shift(shifted, BLOCK, 3f);

        FrameAssessment four = detector.score(profile, views(plain, shifted), D, G, G, 60, 60, null);

        assertThat(four.fineScale()).isEqualTo(2);
        assertThat(four.frameScore())
                .isGreaterThan(
                        detector.score(profile, plain, D, G, G, 60, 60, null).frameScore());
        assertThat(four.isDefective()).isTrue();
    }

    @Test
    void regionsFromTheFirstStageScoresEqualTheFullAssessment() {
        ReferenceProfile profile = calibrate();
        DefectDetector detector = DefectDetector.withDefaults();
        float[] bad = goodFrame(0.02f);
        shift(bad, BLOCK, 3f);
        Segmentation segmentation = segmentation(BLOCK);

        FrameAssessment full = detector.assess(profile, bad, D, segmentation, 60, 60, discFrame());
        FrameAssessment second = detector.regions(
                detector.score(profile, bad, D, G, G, 60, 60, null), segmentation, 60, 60, discFrame());

        assertThat(full.regions()).hasSize(1);
        assertThat(second).isEqualTo(full);
        assertThat(second.regions().get(0).pixelMask())
                .isEqualTo(full.regions().get(0).pixelMask());
        FrameAssessment other = new FrameAssessment(G + 1, G, 1f, 0.5f, new float[(G + 1) * G], List.of());
        assertThatThrownBy(() -> detector.regions(other, segmentation, 60, 60, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grid");
    }

    /** A 60 x 60 light grey frame with a dark disc of radius 6 around (40, 20), inside BLOCK. */
    private static FramePixels discFrame() {
        return greyFrameWithDark(DefectDetectorTest::inDisc);
    }

    /** A 60 x 60 light grey frame, dark where {@code dark} holds. */
    private static FramePixels greyFrameWithDark(java.util.function.IntPredicate dark) {
        float[] rgb = new float[3 * 60 * 60];
        for (int p = 0; p < 60 * 60; p++) {
            boolean isDark = dark.test(p);
            for (int c = 0; c < 3; c++) {
                rgb[3 * p + c] = isDark ? 0.2f : 0.7f + 0.01f * ((p * 7 + c) % 3);
            }
        }
        return new FramePixels(60, 60, rgb);
    }

    private static PixelBox boxOf(boolean[] mask) {
        int x0 = 60;
        int y0 = 60;
        int x1 = -1;
        int y1 = -1;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                x0 = Math.min(x0, p % 60);
                x1 = Math.max(x1, p % 60);
                y0 = Math.min(y0, p / 60);
                y1 = Math.max(y1, p / 60);
            }
        }
        return new PixelBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    private static boolean inDisc(int p) {
        int dx = p % 60 - 40;
        int dy = p / 60 - 20;
        return dx * dx + dy * dy <= 36;
    }

    @Test
    void thePixelsGiveTheRegionItsOwnShapeAndLeaveTheDecisionAlone() {
        ReferenceProfile profile = calibrate();
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);
        Segmentation segmentation = segmentation(BLOCK);
        DefectDetector detector = DefectDetector.withDefaults();

        FrameAssessment tokensOnly = detector.assess(profile, frame, D, segmentation, 60, 60);
        FrameAssessment withPixels = detector.assess(profile, frame, D, segmentation, 60, 60, discFrame());

        assertThat(withPixels.isDefective()).isEqualTo(tokensOnly.isDefective());
        assertThat(withPixels.tokenScores()).containsExactly(tokensOnly.tokenScores());
        assertThat(withPixels.regions()).hasSize(1);
        DefectRegionResult region = withPixels.regions().get(0);
        assertThat(region.mask()).isEqualTo(tokensOnly.regions().get(0).mask());
        assertThat(tokensOnly.regions().get(0).pixelMask()).isNull();
        boolean[] mask = region.pixelMask().decode();
        boolean[] disc = new boolean[mask.length];
        for (int p = 0; p < mask.length; p++) {
            disc[p] = inDisc(p);
        }
        // the clean-up vote may add a pixel at the disc's digital corners, never more
        assertThat(io.ultraline.defect.eval.RegionOverlap.iou(mask, disc)).isGreaterThan(0.9);
        assertThat(region.box()).isEqualTo(boxOf(mask));
        assertThat(region.box().x()).isBetween(33, 34);
        assertThat(region.box().width()).isBetween(13, 15);
        assertThat(region.pixelArea()).isEqualTo(region.pixelMask().setCount());
    }

    /** A 60 x 60 light grey frame with two dark discs of radius 3, at (34, 15) and (45, 25), both inside BLOCK. */
    private static FramePixels twoSpecksFrame() {
        return greyFrameWithDark(p -> near(p, 34, 15, 3) || near(p, 45, 25, 3));
    }

    private static boolean near(int p, int x, int y, int radius) {
        int dx = p % 60 - x;
        int dy = p / 60 - y;
        return dx * dx + dy * dy <= radius * radius;
    }

    @Test
    void twoMarksApartInOneTokenRegionBecomeTwoRegionsWithTheirOwnTokens() {
        ReferenceProfile profile = calibrate();
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);

        FrameAssessment a =
                DefectDetector.withDefaults().assess(profile, frame, D, segmentation(BLOCK), 60, 60, twoSpecksFrame());

        assertThat(a.regions()).hasSize(2);
        // the speck at (34, 15) lies in cell (row 1, column 3) = token 9, the one at (45, 25) in token 16
        assertThat(a.regions()).extracting(DefectDetectorTest::firstCell).containsExactlyInAnyOrder(9, 16);
        for (DefectRegionResult r : a.regions()) {
            boolean[] mask = r.pixelMask().decode();
            boolean[] speck = new boolean[mask.length];
            int cell = firstCell(r);
            for (int p = 0; p < mask.length; p++) {
                speck[p] = cell == 9 ? near(p, 34, 15, 3) : near(p, 45, 25, 3);
            }
            // a disc of 29 pixels: the clean-up vote adds a few at its digital corners
            assertThat(io.ultraline.defect.eval.RegionOverlap.iou(mask, speck)).isGreaterThan(0.7);
            assertThat(r.tokenArea()).isEqualTo(1);
            assertThat(r.pixelArea()).isEqualTo(r.pixelMask().setCount());
        }
        assertThat(a.regions().get(0).score())
                .isGreaterThanOrEqualTo(a.regions().get(1).score());
    }

    private static int firstCell(DefectRegionResult r) {
        boolean[] cells = r.mask().decode();
        for (int c = 0; c < cells.length; c++) {
            if (cells[c]) {
                return c;
            }
        }
        return -1;
    }

    @Test
    void aMaskAtModelResolutionScalesItsBoxAndAreaToTheFrame() {
        ReferenceProfile profile = calibrate();
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);

        FrameAssessment a =
                DefectDetector.withDefaults().assess(profile, frame, D, segmentation(BLOCK), 120, 120, discFrame());

        DefectRegionResult region = a.regions().get(0);
        assertThat(region.pixelMask().gridWidth()).isEqualTo(60);
        PixelBox atModel = boxOf(region.pixelMask().decode());
        assertThat(region.box())
                .isEqualTo(new PixelBox(2 * atModel.x(), 2 * atModel.y(), 2 * atModel.width(), 2 * atModel.height()));
        assertThat(region.pixelArea()).isEqualTo(4 * region.pixelMask().setCount());
    }

    @Test
    void theExplanationShowsWhereTheRegionsTokensLook() {
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);

        DefectRegionResult region = DefectDetector.withDefaults()
                .assess(calibrate(), frame, D, segmentation(BLOCK), 60, 60)
                .regions()
                .get(0);

        QuantisedHeatmap explanation = region.explanation();
        assertThat(explanation.gridHeight()).isEqualTo(G);
        for (int i = 0; i < N; i++) {
            boolean inBlock = contains(BLOCK, i);
            assertThat(explanation.values()[i] & 0xff)
                    .as("patch %d", i)
                    .is(inBlock ? new Condition<>(q -> q > 200, "high") : new Condition<>(q -> q < 10, "low"));
        }
        // four maps summed, each about 1 on the block after the self-entry fix
        assertThat(explanation.max()).isBetween(4f, 4.2f);
    }

    @Test
    void theBaselineFindsTheSameBlockWithoutAConcept() {
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);
        DefectDetector baseline = new DefectDetector(ProfileConfig.defaults(), new TokenThresholdRegions());

        FrameAssessment assessment = baseline.assess(calibrate(), frame, D, segmentation(BLOCK), 60, 60);

        assertThat(assessment.regions()).singleElement().satisfies(region -> {
            assertThat(region.conceptId()).isEqualTo(TokenRegion.NO_CONCEPT);
            assertThat(region.mask().decode()).containsExactly(cells(BLOCK));
        });
    }

    @Test
    void aGoodFrameIsNotDefectiveAndHasNoRegion() {
        ReferenceProfile profile = calibrate();

        FrameAssessment assessment =
                DefectDetector.withDefaults().assess(profile, goodFrame(0.02f), D, segmentation(BLOCK), 60, 60);

        assertThat(assessment.isDefective()).isFalse();
        assertThat(assessment.regions()).isEmpty();
        assertThat(assessment.frameScore()).isPositive().isLessThan(profile.threshold());
        assertThat(assessment.tokenScores()).hasSize(N);
    }

    @Test
    void regionsComeByDescendingScore() {
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 2f);
        shift(frame, OTHER_BLOCK, 5f);

        FrameAssessment assessment =
                DefectDetector.withDefaults().assess(calibrate(), frame, D, segmentation(BLOCK, OTHER_BLOCK), 60, 60);

        assertThat(assessment.regions()).hasSize(2);
        assertThat(assessment.regions().get(0).mask().decode()).containsExactly(cells(OTHER_BLOCK));
        assertThat(assessment.regions().get(1).mask().decode()).containsExactly(cells(BLOCK));
        assertThat(assessment.regions().get(0).score())
                .isGreaterThan(assessment.regions().get(1).score());
    }

    @Test
    void boxAndAreaFollowNearestUpsamplingForFramesThatAreNotMultiplesOfTheGrid() {
        float[] frame = goodFrame(0.02f);
        shift(frame, BLOCK, 3f);

        DefectRegionResult region = DefectDetector.withDefaults()
                .assess(calibrate(), frame, D, segmentation(BLOCK), 50, 37)
                .regions()
                .get(0);

        // columns 3-4 of 6 over 50 pixels: x from ceil(150/6)=25 to ceil(250/6)-1=41;
        // rows 1-2 of 6 over 37 pixels: y from ceil(37/6)=7 to ceil(111/6)-1=18
        assertThat(region.box()).isEqualTo(new PixelBox(25, 7, 17, 12));
        assertThat(region.pixelArea()).isEqualTo(17 * 12);
        float[] pixels = PixelScoreMap.nearest(toFloats(cells(BLOCK)), G, G, 50, 37);
        int covered = 0;
        for (float p : pixels) {
            covered += p > 0 ? 1 : 0;
        }
        assertThat(region.pixelArea()).isEqualTo(covered);
    }

    @Test
    void rejectsInputsThatDoNotFitTogether() {
        ReferenceProfile profile = calibrate();
        Segmentation segmentation = segmentation(BLOCK);
        DefectDetector detector = DefectDetector.withDefaults();

        assertThatThrownBy(() -> detector.assess(profile, new float[N * D - D], D, segmentation, 60, 60))
                .hasMessageContaining("needs 36 tokens of dimension 8");
        assertThatThrownBy(() -> detector.assess(profile, new float[N * 4], 4, segmentation, 60, 60))
                .hasMessageContaining("calibrated with another model");
        assertThatThrownBy(() -> detector.assess(profile, goodFrame(0f), D, segmentation, 5, 60))
                .hasMessageContaining("smaller than the 6 x 6 token grid");
    }

    private static boolean contains(int[] tokens, int token) {
        return Arrays.stream(tokens).anyMatch(t -> t == token);
    }

    private static boolean[] cells(int[] tokens) {
        boolean[] cells = new boolean[N];
        for (int token : tokens) {
            cells[token] = true;
        }
        return cells;
    }

    private static float[] toFloats(boolean[] cells) {
        float[] out = new float[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i] ? 1f : 0f;
        }
        return out;
    }

    private static float max(float[] scores, int[] tokens) {
        float max = Float.NEGATIVE_INFINITY;
        for (int token : tokens) {
            max = Math.max(max, scores[token]);
        }
        return max;
    }
}
