package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The fast average linkage against the literal O(N^3) oracle, on many seeded random inputs. */
class AverageLinkageReferenceTest {

    private static final double[] TAUS = {0.0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0};

    @Test
    void uniformRandomDistancesGiveTheSameTreeAndCuts() {
        Random random = new Random(20241119L);
        for (int round = 0; round < 150; round++) {
            int n = 1 + random.nextInt(48);
            double[][] d = symmetric(n, random, r -> r.nextDouble());
            assertSameAsOracle(d, 1e-12, "uniform round " + round + " n=" + n);
        }
    }

    @Test
    void quantisedDistancesWithManyTiesGiveExactlyTheSameTreeAndCuts() {
        Random random = new Random(7L);
        for (int round = 0; round < 150; round++) {
            int n = 1 + random.nextInt(40);
            // dyadic values keep every sum exact, so both sides see the very same ties
            int levels = 1 << random.nextInt(5);
            double[][] d = symmetric(n, random, r -> r.nextInt(levels + 1) / (double) levels * 0.5);
            assertSameAsOracle(d, 0.0, "quantised round " + round + " n=" + n + " levels=" + levels);
        }
    }

    @Test
    void cosineDistancesOfRandomMapsGiveTheSameTreeAndCuts() {
        Random random = new Random(99L);
        for (int round = 0; round < 40; round++) {
            int grid = 2 + random.nextInt(6);
            int n = grid * grid;
            float[][] maps = new float[n][n];
            for (float[] map : maps) {
                for (int j = 0; j < n; j++) {
                    map[j] = random.nextFloat() < 0.3f ? 0f : random.nextFloat();
                }
            }
            double[][] d = CosineDistances.matrix(SelfEntryFix.fixed(maps));
            assertSameAsOracle(d, 1e-12, "cosine round " + round + " n=" + n);
        }
    }

    @Test
    void degenerateShapesMatchTheOracle() {
        for (int n : new int[] {2, 3, 17, 64}) {
            int hub = n / 2;
            double[][] star = symmetric(n, null, r -> 2.0);
            double[][] allEqual = symmetric(n, null, r -> 0.5);
            double[][] line = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    star[i][j] = i == j ? 0 : (i == hub || j == hub) ? 1.0 : star[i][j];
                    line[i][j] = Math.abs(i - j);
                }
            }
            assertSameAsOracle(star, 0.0, "star n=" + n);
            assertSameAsOracle(allEqual, 0.0, "all equal n=" + n);
            assertSameAsOracle(line, 0.0, "points on a line n=" + n);
            assertSameAsOracle(new double[n][n], 0.0, "all zero n=" + n);
        }
    }

    @Test
    void fullSizeGridOf196TokensMatchesTheOracle() {
        double[][] d = symmetric(196, new Random(196L), r -> r.nextInt(33) / 32.0);
        assertSameAsOracle(d, 0.0, "n=196");
    }

    private static void assertSameAsOracle(double[][] d, double heightTolerance, String what) {
        int n = d.length;
        Dendrogram tree = AverageLinkage.build(d);
        NaiveAverageLinkage.Merges oracle = NaiveAverageLinkage.build(d);
        for (int k = 0; k < n - 1; k++) {
            assertThat(new int[] {tree.first(k), tree.second(k)})
                    .as("%s: children of merge %d", what, k)
                    .containsExactly(oracle.first()[k], oracle.second()[k]);
            assertThat(tree.height(k))
                    .as("%s: height of merge %d", what, k)
                    .isCloseTo(oracle.heights()[k], Offset.offset(heightTolerance));
        }
        for (double tau : TAUS) {
            assertThat(tree.cutAtHeight(tau).labels())
                    .as("%s: cut at tau=%s", what, tau)
                    .containsExactly(NaiveAverageLinkage.cutAt(oracle, tau));
        }
        for (int k = 1; k <= n + 1; k++) {
            assertThat(tree.cutToMaxClusters(k).labels())
                    .as("%s: maxclust %d", what, k)
                    .containsExactly(oracleMaxClust(oracle, k));
            assertThat(tree.cutToClusterCount(k).labels())
                    .as("%s: exactly %d", what, k)
                    .containsExactly(oracleFirstMerges(oracle, Math.max(0, n - k)));
        }
    }

    /** The lowest threshold, among "nothing" and the merge heights, leaving at most k clusters. */
    private static int[] oracleMaxClust(NaiveAverageLinkage.Merges oracle, int k) {
        double[] candidates = oracle.heights().clone();
        Arrays.sort(candidates);
        int[] best = oracle.n() <= k ? oracleFirstMerges(oracle, 0) : null;
        for (int i = 0; i < candidates.length && best == null; i++) {
            int[] labels = NaiveAverageLinkage.cutAt(oracle, candidates[i]);
            if (NaiveAverageLinkage.clusterCount(labels) <= k) {
                best = labels;
            }
        }
        return best;
    }

    private static int[] oracleFirstMerges(NaiveAverageLinkage.Merges oracle, int count) {
        boolean[] applied = new boolean[oracle.heights().length];
        Arrays.fill(applied, 0, count, true);
        return NaiveAverageLinkage.partitionAfter(oracle, applied);
    }

    private static double[][] symmetric(int n, Random random, DistanceSource values) {
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = values.next(random);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    @FunctionalInterface
    private interface DistanceSource {
        double next(Random random);
    }
}
