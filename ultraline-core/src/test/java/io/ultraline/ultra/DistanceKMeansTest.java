package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.ultra.eval.KMeans;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceKMeansTest {

    @Test
    void itFindsTheSamePartitionAsKMeansOverThePoints() {
        Random r = new Random(3);
        float[][] points = new float[60][5];
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < 5; j++) {
                points[i][j] = (float) (r.nextGaussian() * 0.3 + (j == i % 3 ? 4 : 0));
            }
        }

        for (int k = 2; k <= 4; k++) {
            int[] byDistances = DistanceKMeans.cluster(squared(points), k, 19);
            int[] byPoints = KMeans.cluster(points, k, 19);
            assertThat(cost(points, byDistances))
                    .as("k = %d", k)
                    .isCloseTo(cost(points, byPoints), org.assertj.core.api.Assertions.within(1e-3));
        }
        assertThat(Clustering.ofGroups(DistanceKMeans.cluster(squared(points), 3, 19)))
                .isEqualTo(Clustering.ofGroups(thirds(points.length)));
    }

    @Test
    void theSameSeedGivesTheSameLabelsAndBadArgumentsAreRefused() {
        double[][] d2 = squared(new float[][] {{0}, {1}, {5}, {6}, {20}});

        assertThat(DistanceKMeans.cluster(d2, 2, 7)).containsExactly(DistanceKMeans.cluster(d2, 2, 7));
        assertThatThrownBy(() -> DistanceKMeans.cluster(d2, 6, 7)).hasMessageContaining("1 <= k <= n");
        assertThatThrownBy(() -> DistanceKMeans.cluster(d2, 0, 7)).hasMessageContaining("1 <= k <= n");
    }

    private static int[] thirds(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return labels;
    }

    /** Within-cluster sum of squares, computed from the points. */
    private static double cost(float[][] points, int[] labels) {
        int k = java.util.Arrays.stream(labels).max().getAsInt() + 1;
        double[][] mean = new double[k][points[0].length];
        int[] size = new int[k];
        for (int i = 0; i < points.length; i++) {
            size[labels[i]]++;
            for (int j = 0; j < points[i].length; j++) {
                mean[labels[i]][j] += points[i][j];
            }
        }
        double cost = 0;
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points[i].length; j++) {
                double d = points[i][j] - mean[labels[i]][j] / size[labels[i]];
                cost += d * d;
            }
        }
        return cost;
    }

    private static double[][] squared(float[][] p) {
        double[][] d = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                double s = 0;
                for (int q = 0; q < p[i].length; q++) {
                    double t = p[i][q] - p[j][q];
                    s += t * t;
                }
                d[i][j] = s;
            }
        }
        return d;
    }
}
