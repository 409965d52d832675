package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The colour-free maskers and the mask clean-up they share. */
class PixelMaskersTest {

    private static RegionContext context(TokenRegion region, int size) {
        float[] scores = new float[16];
        scores[5] = 4f;
        return new RegionContext(
                new FramePixels(size, size, new float[3 * size * size]),
                scores,
                new int[16],
                4,
                4,
                1f,
                List.of(region));
    }

    @Test
    void tokenBlocksAreTheNearestUpsamplingOfTheTokens() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        boolean[] mask = PixelMasker.tokenBlocks().mask(context(region, 8), region);
        for (int p = 0; p < 64; p++) {
            boolean inToken = p / 8 / 2 == 1 && p % 8 / 2 == 1;
            assertThat(mask[p]).as("pixel %d", p).isEqualTo(inToken);
        }
    }

    @Test
    void scoreHysteresisIsTighterThanThreeTokensAndHoldsThePeak() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        boolean[] mask = new ScoreHysteresisMasker(0.6f).mask(context(region, 64), region);
        // the peak token's centre is above the threshold; tokens two away never join
        assertThat(mask[24 * 64 + 24]).isTrue();
        assertThat(mask[56 * 64 + 56]).isFalse();
        assertThat(PixelMorphology.count(mask)).isGreaterThan(0).isLessThan(3 * 16 * 3 * 16);
        assertThatThrownBy(() -> new ScoreHysteresisMasker(0f)).hasMessageContaining("lowFactor");
    }

    @Test
    void holesCloseButBaysToTheBorderStayOpen() {
        boolean[] ring = new boolean[25];
        for (int p : new int[] {6, 7, 8, 11, 13, 16, 17, 18}) {
            ring[p] = true;
        }
        boolean[] all = new boolean[25];
        java.util.Arrays.fill(all, true);
        assertThat(PixelMorphology.fillHoles(ring, all, 5, 5)[12]).isTrue();
        ring[17] = false;
        ring[22] = false;
        assertThat(PixelMorphology.fillHoles(ring, all, 5, 5)[12]).isFalse();
    }

    @Test
    void aLonePixelLosesTheVoteAndABlockKeepsIt() {
        boolean[] mask = new boolean[36];
        mask[0] = true;
        for (int p : new int[] {14, 15, 16, 20, 21, 22, 26, 27, 28}) {
            mask[p] = true;
        }
        boolean[] voted = PixelMorphology.majority(mask, 6, 6, 4);
        assertThat(voted[0]).isFalse();
        assertThat(voted[21]).isTrue();
        assertThat(voted[14]).isTrue();
    }

    @Test
    void onlyComponentsThatTouchTheAnchorStay() {
        boolean[] mask = {true, false, false, true};
        boolean[] anchor = {false, false, false, true};
        assertThat(PixelMorphology.keepAnchored(mask, anchor, 1, 4)).containsExactly(false, false, false, true);
    }

    @Test
    void aContextRejectsAFrameSmallerThanTheGrid() {
        TokenRegion region = new TokenRegion(0, new int[] {5});
        assertThatThrownBy(() -> context(region, 3)).hasMessageContaining("smaller than");
    }
}
