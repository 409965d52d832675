package io.ultraline.defect;

import static io.ultraline.defect.AppearanceTestFrames.SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppearanceBankTest {

    private static AppearanceBank bank(int patches, int components) {
        List<float[]> goods = AppearanceTestFrames.goods(6, 10);
        return AppearanceBank.fit(goods, SIZE, AppearanceBank.axesOf(goods, SIZE, components), patches, 7);
    }

    @Test
    void aColourSpotScoresFarAboveAGoodFrameAndPeaksWhereItIs() {
        AppearanceBank bank = bank(10_000, 24);

        AppearanceBank.Scores good = bank.score(AppearanceTestFrames.good(99));
        AppearanceBank.Scores spot = bank.score(AppearanceTestFrames.withSpot(99, 20, 8));

        assertThat(spot.frameScore()).isGreaterThan(5 * good.frameScore());
        float[] map = spot.pixelScores();
        assertThat(map).hasSize(SIZE * SIZE);
        int peak = 0;
        for (int p = 1; p < map.length; p++) {
            peak = map[p] > map[peak] ? p : peak;
        }
        assertThat(peak % SIZE).isBetween(16, 27);
        assertThat(peak / SIZE).isBetween(4, 15);
        assertThat(map[2 * SIZE + 2]).isLessThan(spot.frameScore() / 4);
    }

    @Test
    void aPatchOfTheBankScoresZero() {
        List<float[]> goods = AppearanceTestFrames.goods(2, 10);
        AppearanceBank bank = AppearanceBank.fit(goods, SIZE, AppearanceBank.axesOf(goods, SIZE, 192), 100_000, 7);

        assertThat(bank.score(goods.get(1)).frameScore()).isLessThan(1e-3f);
    }

    @Test
    void theCoresetKeepsAtMostTheCapAndStillSeparatesTheSpot() {
        AppearanceBank capped = bank(64, 16);

        assertThat(capped.size()).isEqualTo(64);
        assertThat(capped.rows()).hasSize(64 * 16);
        assertThat(capped.score(AppearanceTestFrames.withSpot(99, 4, 4)).frameScore())
                .isGreaterThan(2 * capped.score(AppearanceTestFrames.good(99)).frameScore());
    }

    @Test
    void aBankReadBackScoresAsTheOriginal() {
        AppearanceBank bank = bank(200, 12);
        AppearanceBank copy = AppearanceBank.of(
                SIZE, PrincipalAxes.of(bank.axes().mean(), bank.axes().axes()), bank.rows());
        float[] frame = AppearanceTestFrames.withSpot(5, 10, 10);

        assertThat(copy).isEqualTo(bank);
        assertThat(copy.score(frame).pixelScores())
                .containsExactly(bank.score(frame).pixelScores());
    }

    @Test
    void quantisedInputsRoundTripWithinHalfAStepAndClamp() {
        float[] in = {0f, 1f, 0.5f, -0.2f, 1.7f, 0.1234f};
        float[] back = AppearanceBank.expand(AppearanceBank.quantise(in));

        assertThat(back[0]).isZero();
        assertThat(back[1]).isEqualTo(1f);
        assertThat(back[2]).isCloseTo(0.5f, org.assertj.core.data.Offset.offset(0.51f / 255));
        assertThat(back[3]).isZero();
        assertThat(back[4]).isEqualTo(1f);
        assertThat(back[5]).isCloseTo(0.1234f, org.assertj.core.data.Offset.offset(0.51f / 255));
        assertThatThrownBy(() -> AppearanceBank.quantise(new float[] {Float.NaN}))
                .hasMessageContaining("not finite");
    }

    @Test
    void quantisingRoundsAsMathRoundDoes() {
        // stored calibration frames were quantised with Math.round: every level must stay the same,
        // most of all next to the half steps, where a float sum could round the other way
        float[] in = new float[256 * 2 * 64 + 100_000];
        int n = 0;
        for (int level = 0; level < 256; level++) {
            float up = (level + 0.5f) / 255f;
            float down = up;
            for (int k = 0; k < 64; k++) {
                in[n++] = up;
                in[n++] = down;
                up = Math.nextUp(up);
                down = Math.nextDown(down);
            }
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        while (n < in.length) {
            in[n++] = (float) (r.nextDouble() * 1.2 - 0.1);
        }
        in[0] = -0f;
        in[1] = Float.MIN_VALUE;
        in[2] = Math.nextDown(1f);
        byte[] out = AppearanceBank.quantise(in);
        for (int i = 0; i < in.length; i++) {
            int expected = Math.round(Math.min(1f, Math.max(0f, in[i])) * 255f);
            assertThat(out[i] & 0xff).as("value %s", in[i]).isEqualTo(expected);
        }
    }

    @Test
    void anInputOfAnotherSizeIsRefused() {
        AppearanceBank bank = bank(100, 8);

        assertThatThrownBy(() -> bank.score(new byte[16 * 16 * 3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 x 32");
        assertThatThrownBy(() -> AppearanceBank.of(SIZE, bank.axes(), new float[7]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyCandidatesAreThinnedEvenlyBeforeTheCoreset() {
        float[] rows = new float[10 * 2];
        for (int i = 0; i < 10; i++) {
            rows[2 * i] = i;
            rows[2 * i + 1] = -i;
        }

        assertThat(AppearanceBank.evenlySpaced(rows, 2, 4)).containsExactly(0, 0, 2, -2, 5, -5, 7, -7);
        assertThat(AppearanceBank.evenlySpaced(rows, 2, 10)).isSameAs(rows);
    }
}
