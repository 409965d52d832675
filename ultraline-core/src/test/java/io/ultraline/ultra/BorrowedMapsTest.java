package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BorrowedMapsTest {

    // two targets (patches 0 and 1) with orthogonal unit maps over N = 4 patches
    private static final float[][] MAPS = {{1, 0, 0, 0}, {0, 1, 0, 0}};
    private static final int[] TARGETS = {0, 1};

    @Test
    void aTargetKeepsItsOwnMap() {
        float[][] maps =
                BorrowedMaps.estimate(MAPS, TARGETS, tokens(new float[] {0.5f, 0.5f}, new float[] {0.5f, 0.5f}));
        assertThat(maps[0]).containsExactly(MAPS[0]);
        assertThat(maps[1]).containsExactly(MAPS[1]);
    }

    @Test
    void aPatchWhoseTokenRepeatsATargetsTakesThatMap() {
        float[][] maps = BorrowedMaps.estimate(MAPS, TARGETS, tokens(new float[] {1, 0}, new float[] {0, 1}));
        assertThat(maps[2]).containsExactly(MAPS[0]);
        assertThat(maps[3]).containsExactly(MAPS[1]);
    }

    @Test
    void aPatchHalfwayBetweenTwoTargetsBlendsTheirMapsEqually() {
        float half = (float) Math.sqrt(0.5);
        float[][] maps =
                BorrowedMaps.estimate(MAPS, TARGETS, tokens(new float[] {half, half}, new float[] {half, half}));
        assertThat(maps[2][0]).isCloseTo(half, within(1e-6f));
        assertThat(maps[2][1]).isCloseTo(half, within(1e-6f));
        assertThat(norm(maps[2])).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void theNearerTargetWeighsMoreAndAFarOneAlmostNothing() {
        // patch 2 lies near target 0; patch 3 near target 1 but not on it
        float[][] maps = BorrowedMaps.estimate(MAPS, TARGETS, tokens(unit(0.9f, 0.3f), unit(0.2f, 0.98f)));
        assertThat(maps[2][0]).isGreaterThan(maps[2][1]);
        assertThat(maps[3][1]).isGreaterThan(maps[3][0]);
        assertThat(maps[2][1]).isGreaterThan(0f).isLessThan(0.05f);
    }

    /** Tokens of the two targets (unit x and unit y) and of patches 2 and 3. */
    private static float[][] tokens(float[] patch2, float[] patch3) {
        return new float[][] {{1, 0}, {0, 1}, patch2, patch3};
    }

    private static float[] unit(float x, float y) {
        float n = (float) Math.hypot(x, y);
        return new float[] {x / n, y / n};
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
