package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppearanceFusionTest {

    /** A 2 x 2 token grid on an 8 px input (4 px cells), one view. */
    private static ShiftedGridScores tokens(float... scores) {
        return ShiftedGridScores.of(scores, 2, 2, 1);
    }

    @Test
    void everyScoreIsTheMeanOfTheChannelsAndThePeakCellCarriesTheFrameScore() {
        float[] map = new float[64];
        // bottom-right cell: 1.0 everywhere but one pixel of 5 -> cell mean (15 + 5) / 16 = 1.25
        for (int y = 4; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                map[y * 8 + x] = 1f;
            }
        }
        map[6 * 8 + 5] = 5f;

        AppearanceFusion.Fused f = AppearanceFusion.fuse(
                tokens(0.5f, 3f, 0.2f, 0.1f), new AppearanceBank.Scores(5f, map), 8, 2, 2, 2f, 0.5f);

        // scale 2: frame (3 + 5 x 2) / 2 = 6.5; cells the token cells x 0.5, and the cell of the fused
        // peak (the bright pixel: (token map there + 10) / 2) takes the frame score
        assertThat(f.frameScore()).isEqualTo(6.5f);
        assertThat(f.coarse()).containsExactly(0.25f, 1.5f, 0.1f, 6.5f);
        assertThat(f.fineScale()).isEqualTo(4);
        assertThat(f.fine()).hasSize(64);
        float[] upsampled = PixelScoreMap.bilinear(new float[] {0.5f, 3f, 0.2f, 0.1f}, 2, 2, 8, 8);
        assertThat(f.fine()[6 * 8 + 5]).isEqualTo((upsampled[6 * 8 + 5] + 10f) / 2f);
        assertThat(f.fine()[0]).isEqualTo(upsampled[0] / 2f);
    }

    @Test
    void aFrameFlaggedByPixelsAloneGetsItsSeedWhereThePixelsPeak() {
        float[] map = new float[64];
        map[1 * 8 + 1] = 4f;

        AppearanceFusion.Fused f = AppearanceFusion.fuse(
                tokens(0.5f, 0.6f, 0.2f, 0.1f), new AppearanceBank.Scores(4f, map), 8, 2, 2, 1f, 1f);

        assertThat(f.frameScore()).isEqualTo(2.3f);
        assertThat(f.coarse()).containsExactly(2.3f, 0.6f, 0.2f, 0.1f);
    }

    @Test
    void noTokenCellExceedsTheFusedFrameScoreSoRegionsMeanAFlaggedFrame() {
        AppearanceFusion.Fused f = AppearanceFusion.fuse(
                tokens(0.5f, 3f, 0.2f, 0.1f), new AppearanceBank.Scores(0f, new float[64]), 8, 2, 2, 1f, 1f);

        assertThat(f.frameScore()).isEqualTo(1.5f);
        assertThat(f.coarse()).containsExactly(0.5f, 1.5f, 0.2f, 0.1f);
    }
}
