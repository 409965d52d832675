package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShiftedGridScoresTest {

    @Test
    void oneShiftIsThePlainGrid() {
        float[] d = {1, 5, 2, 3};
        ShiftedGridScores s = ShiftedGridScores.of(d, 2, 2, 1);
        assertThat(s.coarse()).containsExactly(d);
        assertThat(s.fineMean()).containsExactly(d);
        assertThat(s.frameScore()).isEqualTo(5);
    }

    @Test
    void aTokenOfTheDiagonalShiftLandsBetweenFourPlainTokens() {
        // 2 x 2 grid, k = 2: views 0..3 of 4 scores each; view 3 is shifted by half a patch both ways
        float[] d = new float[16];
        d[3 * 4 + 3] = 8; // view (1, 1), token (1, 1): fine cells rows 1..2, columns 1..2
        ShiftedGridScores s = ShiftedGridScores.of(d, 2, 2, 2);
        float[] fine = s.fineMean();
        // each inner fine cell is covered by one token of each of the four views
        assertThat(fine[1 * 4 + 1]).isEqualTo(2f);
        assertThat(fine[2 * 4 + 2]).isEqualTo(2f);
        assertThat(fine[0]).isZero();
        assertThat(fine[3 * 4 + 3]).isZero();
        // regions grow on the plain view's scores (all 0 here); the first cell under the peak seeds them
        assertThat(s.coarse()).containsExactly(8, 0, 0, 0);
        assertThat(s.frameScore()).isEqualTo(8);
    }

    @Test
    void theFrameScoreIsTheHighestShiftedTokenEvenAtTheBorder() {
        float[] d = new float[16];
        d[1 * 4 + 0] = 6; // view (1, 0), token (0, 0): half of it hangs over the left edge
        ShiftedGridScores s = ShiftedGridScores.of(d, 2, 2, 2);
        assertThat(s.frameScore()).isEqualTo(6);
        float max = 0;
        for (float v : s.coarse()) {
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(6);
    }

    @Test
    void theSeedGoesWhereTheShiftedViewsAgreeMost() {
        float[] d = new float[16];
        d[3 * 4 + 3] = 8; // view (1, 1) token (1, 1): fine rows/columns 1..2
        d[0 * 4 + 3] = 4; // plain token (1, 1): fine rows/columns 2..3, so fine (2, 2) has the higher mean
        ShiftedGridScores s = ShiftedGridScores.of(d, 2, 2, 2);
        assertThat(s.coarse()).containsExactly(0, 0, 0, 8);
    }

    @Test
    void theLengthMustHoldKSquaredGrids() {
        assertThatThrownBy(() -> ShiftedGridScores.of(new float[12], 2, 2, 2)).hasMessageContaining("2 x 2 grids of 4");
    }
}
