package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CosineDistancesTest {

    @Test
    void knownAnglesGiveKnownDistances() {
        assertThat(CosineDistances.distance(new float[] {1, 0}, new float[] {0, 3}))
                .isEqualTo(1.0);
        assertThat(CosineDistances.distance(new float[] {1, 0}, new float[] {-2, 0}))
                .isEqualTo(2.0);
        assertThat(CosineDistances.distance(new float[] {1, 1}, new float[] {1, 0}))
                .isCloseTo(1 - Math.sqrt(0.5), within(1e-15));
        assertThat(CosineDistances.distance(new float[] {1, 2, 3}, new float[] {2, 4, 6}))
                .isCloseTo(0.0, within(1e-15))
                .isNotNegative();
    }

    @Test
    void zeroMapIsAtDistanceOneFromNonZeroMapsAndZeroFromOtherZeroMaps() {
        float[][] maps = {{0, 0, 0}, {1, 2, 0}, {0, 0, 0}, {0, -1, 0}};

        double[][] d = CosineDistances.matrix(maps);

        assertThat(d[0]).containsExactly(0.0, 1.0, 0.0, 1.0);
        assertThat(d[1][2]).isEqualTo(1.0);
        assertThat(d[3][2]).isEqualTo(1.0);
    }

    @Test
    void matrixIsSymmetricWithZeroDiagonalAndMatchesThePairwiseDistance() {
        Random random = new Random(3);
        float[][] maps = new float[12][20];
        for (float[] map : maps) {
            for (int j = 0; j < map.length; j++) {
                map[j] = random.nextFloat() * 10 - 2;
            }
        }

        double[][] d = CosineDistances.matrix(maps);

        for (int a = 0; a < maps.length; a++) {
            assertThat(d[a][a]).isZero();
            for (int b = 0; b < maps.length; b++) {
                assertThat(d[a][b]).isEqualTo(d[b][a]).isBetween(0.0, 2.0);
                if (a != b) {
                    assertThat(d[a][b]).isCloseTo(naive(maps[a], maps[b]), within(1e-12));
                }
            }
        }
    }

    @Test
    void computesInDoubleSoLargeAndTinyValuesDoNotOverflow() {
        float big = 3e38f;
        float tiny = 1e-30f;

        assertThat(CosineDistances.distance(new float[] {big, big}, new float[] {big, 0}))
                .isCloseTo(1 - Math.sqrt(0.5), within(1e-12));
        assertThat(CosineDistances.distance(new float[] {tiny, 0}, new float[] {tiny, tiny}))
                .isCloseTo(1 - Math.sqrt(0.5), within(1e-12));
    }

    @Test
    void rejectsMapsOfDifferentLengths() {
        assertThatThrownBy(() -> CosineDistances.distance(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 3");
        assertThatThrownBy(() -> CosineDistances.matrix(new float[][] {{1, 2}, {1}}))
                .hasMessageContaining("map 1 has 1 entries but map 0 has 2");
    }

    private static double naive(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += (double) a[k] * b[k];
            na += (double) a[k] * a[k];
            nb += (double) b[k] * b[k];
        }
        return 1 - dot / Math.sqrt(na * nb);
    }
}
