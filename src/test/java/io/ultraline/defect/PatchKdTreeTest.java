package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchKdTreeTest {

    private static float bruteForce(float[] bank, int dim, float[] q) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < bank.length / dim; i++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double t = q[d] - bank[i * dim + d];
                s += t * t;
            }
            best = Math.min(best, s);
        }
        return (float) best;
    }

    /** Vectors with a shared brightness plus per-dimension noise of the given strength, as patches have. */
    private static float[] vectors(SplittableRandom r, int n, int dim, double noise) {
        float[] out = new float[n * dim];
        for (int i = 0; i < n; i++) {
            double brightness = r.nextDouble();
            for (int d = 0; d < dim; d++) {
                out[i * dim + d] = (float) (brightness + noise * (r.nextDouble() - 0.5) * (1 + d % 5));
            }
        }
        return out;
    }

    @Test
    void findsTheSameNearestDistanceAsBruteForce() {
        SplittableRandom r = new SplittableRandom(17);
        for (double noise : new double[] {0.02, 0.3, 2.0}) {
            int dim = 37;
            float[] bank = vectors(r, 600, dim, noise);
            PatchKdTree.Search sorted = new PatchKdTree(bank, dim).new Search();
            float[] queries = vectors(r, 200, dim, noise);
            for (int k = 0; k < 200; k++) {
                float[] q = java.util.Arrays.copyOfRange(queries, k * dim, (k + 1) * dim);
                float expected = bruteForce(bank, dim, q);
                assertThat(sorted.nearestSquared(q)).as("noise %s query %d", noise, k)
                        .isCloseTo(expected, within(1e-5f * (1 + expected)));
            }
        }
    }

    @Test
    void aBankVectorIsAtDistanceZero() {
        float[] bank = vectors(new SplittableRandom(3), 50, 8, 0.5);
        PatchKdTree tree = new PatchKdTree(bank, 8);
        PatchKdTree.Search sorted = tree.new Search();
        assertThat(tree.size()).isEqualTo(50);
        assertThat(sorted.nearestSquared(java.util.Arrays.copyOfRange(bank, 8 * 31, 8 * 32))).isZero();
    }

    @Test
    void rejectsPartialVectorsAndQueriesOfTheWrongWidth() {
        assertThatThrownBy(() -> new PatchKdTree(new float[10], 3)).hasMessageContaining("whole 3-vectors");
        PatchKdTree.Search b = new PatchKdTree(new float[9], 3).new Search();
        assertThatThrownBy(() -> b.nearestSquared(new float[4])).hasMessageContaining("query has 4 values");
    }
}
