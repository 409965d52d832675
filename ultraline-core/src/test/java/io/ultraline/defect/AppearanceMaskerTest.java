package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.defect.AppearanceMasker.Background;
import io.ultraline.defect.eval.RegionOverlap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 64 x 64 frame on a 4 x 4 grid (16-pixel tokens) with a striped two-colour texture, so a
 * masker that took any colour change for a defect would fail, and a dark blot that crosses from
 * token 5 into token 6, so a masker held inside the region's tokens would fail too.
 */
class AppearanceMaskerTest {

    private static final int W = 64;
    private static final int G = 4;

    private static boolean blot(int p) {
        int dx = p % W - 30;
        int dy = p / W - 24;
        return dx * dx + dy * dy <= 25;
    }

    private static FramePixels frame(boolean withBlot) {
        float[] rgb = new float[3 * W * W];
        for (int p = 0; p < W * W; p++) {
            boolean stripe = (p % W) % 4 < 2;
            float[] c = withBlot && blot(p)
                    ? new float[] {0.15f, 0.1f, 0.1f}
                    : stripe ? new float[] {0.8f, 0.7f, 0.3f} : new float[] {0.3f, 0.4f, 0.8f};
            System.arraycopy(c, 0, rgb, 3 * p, 3);
        }
        return new FramePixels(W, W, rgb);
    }

    private static RegionContext context(FramePixels px, TokenRegion region) {
        float[] scores = new float[G * G];
        scores[5] = 3f;
        // the blot's edge in token 6 raises its score, as a real defect's border does
        scores[6] = 0.8f;
        return new RegionContext(px, scores, new int[G * G], G, G, 1f, List.of(region));
    }

    private static boolean[] truth() {
        boolean[] t = new boolean[W * W];
        for (int p = 0; p < t.length; p++) {
            t[p] = blot(p);
        }
        return t;
    }

    @Test
    void findsTheBlotAcrossTheTokenBorderAndLeavesTheTextureOut() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        RegionContext frame = context(frame(true), region);
        PixelMasker masker = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, PixelMasker.tokenBlocks());

        boolean[] mask = masker.mask(frame, region);

        assertThat(RegionOverlap.iou(mask, truth())).isGreaterThan(0.9);
        assertThat(RegionOverlap.iou(PixelMasker.tokenBlocks().mask(frame, region), truth()))
                .isLessThan(0.4);
    }

    @Test
    void aPatchDescriptorFindsTheBlotToo() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        RegionContext frame = context(frame(true), region);

        boolean[] mask =
                new AppearanceMasker(Background.GEOMETRIC, 1, 2, 0.9f, PixelMasker.tokenBlocks()).mask(frame, region);

        // the 3 x 3 patches reach one pixel past the blot's edge
        assertThat(RegionOverlap.iou(mask, truth())).isGreaterThan(0.55);
    }

    @Test
    void whenNoColourDepartsTheFallbackShapesTheRegion() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        RegionContext frame = context(frame(false), region);
        PixelMasker fallback = new ScoreHysteresisMasker(0.6f);

        boolean[] mask = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, fallback).mask(frame, region);

        assertThat(mask).containsExactly(fallback.mask(frame, region));
    }

    @Test
    void theConceptBackgroundLeavesOutTheDefectsSmallConcept() {
        // the blot's border tokens 6 and 9 carry the region's small concept 1 and the blot's
        // colour: a geometric ring learns that colour from them, the concept ring does not
        float[] rgb = frame(true).rgb().clone();
        for (int p = 0; p < W * W; p++) {
            int cell = (p / W) / 16 * G + (p % W) / 16;
            if (cell == 9) {
                System.arraycopy(new float[] {0.15f, 0.1f, 0.1f}, 0, rgb, 3 * p, 3);
            }
        }
        FramePixels px = new FramePixels(W, W, rgb);
        TokenRegion region = new TokenRegion(1, new int[] {5});
        int[] labels = new int[G * G];
        labels[5] = 1;
        labels[9] = 1;
        float[] scores = new float[G * G];
        scores[5] = 3f;
        scores[6] = 0.8f;
        RegionContext frame = new RegionContext(px, scores, labels, G, G, 1f, List.of(region));
        PixelMasker tokens = PixelMasker.tokenBlocks();

        boolean[] concept = new AppearanceMasker(Background.CONCEPT, 0, 1, 0.9f, tokens).mask(frame, region);
        boolean[] geometric = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, tokens).mask(frame, region);

        assertThat(RegionOverlap.iou(concept, truth())).isGreaterThan(0.9);
        assertThat(geometric).containsExactly(tokens.mask(frame, region));
    }

    @Test
    void theNearestBackgroundStaysNextToARegionWhoseSurroundingsScoreHigh() {
        // every token around the region scores above 0.6 of the threshold, and the surface two
        // tokens out has another colour: a ring widened to it takes the whole search area for
        // the defect, the nearest ring's lowest-scoring tokens do not
        float[] rgb = frame(true).rgb().clone();
        float[] scores = new float[G * G];
        for (int cell = 0; cell < G * G; cell++) {
            int row = cell / G;
            int col = cell % G;
            boolean near = Math.abs(row - 1) <= 1 && Math.abs(col - 1) <= 1;
            scores[cell] = cell == 5 ? 3f : near ? 0.7f + 0.01f * cell : 0f;
        }
        // the blot's edge in token 6 makes it the highest of the ring, out of the five lowest
        scores[6] = 0.95f;
        for (int p = 0; p < W * W; p++) {
            int cell = (p / W) / 16 * G + (p % W) / 16;
            if (scores[cell] == 0f) {
                System.arraycopy(new float[] {0.5f, 0.9f, 0.5f}, 0, rgb, 3 * p, 3);
            }
        }
        TokenRegion region = new TokenRegion(0, new int[] {5});
        RegionContext frame =
                new RegionContext(new FramePixels(W, W, rgb), scores, new int[G * G], G, G, 1f, List.of(region));
        PixelMasker tokens = PixelMasker.tokenBlocks();

        boolean[] nearest = new AppearanceMasker(Background.NEAREST, 0, 1, 0.9f, tokens).mask(frame, region);
        boolean[] geometric = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, tokens).mask(frame, region);

        assertThat(RegionOverlap.iou(nearest, truth())).isGreaterThan(0.9);
        assertThat(RegionOverlap.iou(geometric, truth())).isLessThan(0.2);
    }

    @Test
    void hysteresisLetsAFaintEdgeJoinTheDefectsCore() {
        // two flat stripe colours: the background's own distances are 0, so the departure limit is
        // its floor 0.03; a halo 0.029 off the stripes departs only under hysteresis (0.9 x 0.03)
        float[] rgb = frame(true).rgb().clone();
        boolean[] halo = new boolean[W * W];
        boolean[] core = truth();
        boolean[] whole = new boolean[W * W];
        for (int p = 0; p < W * W; p++) {
            int dx = p % W - 30;
            int dy = p / W - 24;
            whole[p] = dx * dx + dy * dy <= 64;
            halo[p] = whole[p] && !core[p];
            if (halo[p]) {
                rgb[3 * p] += 0.029f;
            }
        }
        TokenRegion region = new TokenRegion(0, new int[] {5});
        RegionContext frame = context(new FramePixels(W, W, rgb), region);
        PixelMasker tokens = PixelMasker.tokenBlocks();

        boolean[] strict = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, tokens).mask(frame, region);
        boolean[] joined = new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0.9f, 0.9f, tokens).mask(frame, region);

        assertThat(RegionOverlap.iou(strict, core)).isGreaterThan(0.9);
        assertThat(RegionOverlap.iou(joined, whole)).isGreaterThan(0.9);
    }

    @Test
    void rejectsSettingsOutsideTheirRange() {
        PixelMasker f = PixelMasker.tokenBlocks();
        assertThatThrownBy(() -> new AppearanceMasker(Background.GEOMETRIC, 0, 3, 0.9f, f))
                .hasMessageContaining("ringFrom");
        assertThatThrownBy(() -> new AppearanceMasker(Background.GEOMETRIC, 0, 1, 0f, f))
                .hasMessageContaining("quantile");
        assertThatThrownBy(() -> new AppearanceMasker(Background.GEOMETRIC, 9, 1, 0.5f, f))
                .hasMessageContaining("radius");
        assertThatThrownBy(() -> new AppearanceMasker(null, 0, 1, 0.5f, f)).hasMessageContaining("required");
        assertThatThrownBy(() -> new AppearanceMasker(Background.NEAREST, 0, 1, 0.9f, 0f, f))
                .hasMessageContaining("hysteresis");
        assertThatThrownBy(() -> new AppearanceMasker(Background.NEAREST, 0, 1, 0.9f, 1.1f, f))
                .hasMessageContaining("hysteresis");
    }
}
