package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppearanceFusionTest {

    /** A 2 x 2 token grid on an 8 px input (4 px cells), one view. */
    private static ShiftedGridScores tokens(float... scores) {
        return ShiftedGridScores.of(scores, 2, 2, 1);
    }

    @Test
    void eachCoarseCellTakesTheHigherChannelAndThePeakCellTheFrameScore() {
        float[] map = new float[64];
        // bottom-right cell: mean 1.0 except one pixel of 5 -> mean (15 * 1 + 5) / 16 = 1.25
        for (int y = 4; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                map[y * 8 + x] = 1f;
            }
        }
        map[6 * 8 + 5] = 5f;

        AppearanceFusion.Fused f = AppearanceFusion.fuse(tokens(0.5f, 3f, 0.2f, 0.1f),
                new AppearanceBank.Scores(5f, map), 8, 2, 2, 2f);

        // scale 2: the pixel channel's frame score 5 counts as 10, in the cell of its peak only
        assertThat(f.coarse()).containsExactly(0.5f, 3f, 0.2f, 10f);
        assertThat(f.frameScore()).isEqualTo(10f);
        assertThat(f.fineScale()).isEqualTo(4);
        assertThat(f.fine()).hasSize(64);
        assertThat(f.fine()[6 * 8 + 5]).isEqualTo(10f);
    }

    @Test
    void regionsDoNotGrowOnPixelScoresOutsideThePeakCell() {
        float[] map = new float[64];
        map[1 * 8 + 1] = 4f;
        for (int x = 0; x < 4; x++) {
            map[5 * 8 + x] = 3f;
        }

        AppearanceFusion.Fused f = AppearanceFusion.fuse(tokens(0.5f, 0.4f, 0.2f, 0.1f),
                new AppearanceBank.Scores(4f, map), 8, 2, 2, 1f);

        assertThat(f.coarse()).containsExactly(4f, 0.4f, 0.2f, 0.1f);
        assertThat(f.fine()[5 * 8 + 2]).isEqualTo(3f);
    }

    @Test
    void aQuietPixelChannelLeavesTheTokenScores() {
        AppearanceFusion.Fused f = AppearanceFusion.fuse(tokens(0.5f, 3f, 0.2f, 0.1f),
                new AppearanceBank.Scores(0f, new float[64]), 8, 2, 2, 1f);

        assertThat(f.coarse()).containsExactly(0.5f, 3f, 0.2f, 0.1f);
        assertThat(f.frameScore()).isEqualTo(3f);
        // the fine map is the token map upsampled: the highest pixel sits in the top-right cell
        int peak = 0;
        for (int p = 1; p < 64; p++) {
            peak = f.fine()[p] > f.fine()[peak] ? p : peak;
        }
        assertThat(peak % 8).isGreaterThanOrEqualTo(4);
        assertThat(peak / 8).isLessThan(4);
    }
}
