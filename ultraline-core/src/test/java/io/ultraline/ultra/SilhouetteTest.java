package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SilhouetteTest {

    /** Points on a line: 0, 1 and 10, 11. */
    private static final double[][] LINE = distances(new double[] {0, 1, 10, 11});

    @Test
    void twoTightFarGroupsScoreNearOne() {
        // a = 1 everywhere; b = 10.5 for the outer points, 9.5 for the inner ones; s = (b - a) / b
        double expected = (2 * (10.5 - 1) / 10.5 + 2 * (9.5 - 1) / 9.5) / 4;

        assertThat(Silhouette.mean(LINE, new int[] {0, 0, 1, 1})).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aPartitionAgainstTheGroupsScoresBelowZero() {
        assertThat(Silhouette.mean(LINE, new int[] {0, 1, 0, 1})).isLessThan(0);
    }

    @Test
    void pointsAloneInTheirClusterAndEqualPointsCountZero() {
        assertThat(Silhouette.mean(LINE, new int[] {0, 1, 2, 3})).isZero();
        assertThat(Silhouette.mean(new double[3][3], new int[] {0, 0, 1})).isZero();
    }

    private static double[][] distances(double[] x) {
        double[][] d = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[i][j] = Math.abs(x[i] - x[j]);
            }
        }
        return d;
    }
}
