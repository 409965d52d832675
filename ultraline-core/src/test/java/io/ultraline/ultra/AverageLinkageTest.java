package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Small cases worked out by hand: merge order, heights, tie-breaks and cuts. */
class AverageLinkageTest {

    /*
     * Five points. Merges by hand:
     *   0: {0,1} at 2
     *   1: {3,4} at 3                        (d({0,1},2)=5.5, d(2,3)=4, d(2,4)=5)
     *   2: {2} + {3,4} at (4+5)/2 = 4.5      (d({0,1},{3,4}) = (10+9+9+8)/4 = 9)
     *   3: {0,1} + {2,3,4} at (6+5+10+9+9+8)/6 = 47/6
     */
    private static final double[][] FIVE = {
        {0, 2, 6, 10, 9},
        {2, 0, 5, 9, 8},
        {6, 5, 0, 4, 5},
        {10, 9, 4, 0, 3},
        {9, 8, 5, 3, 0},
    };

    @Test
    void fivePointsMergeInTheOrderWorkedOutByHand() {
        Dendrogram tree = AverageLinkage.build(FIVE);

        assertThat(tree.leafCount()).isEqualTo(5);
        assertThat(tree.mergeCount()).isEqualTo(4);
        assertMerge(tree, 0, 0, 1, 2.0, 2);
        assertMerge(tree, 1, 3, 4, 3.0, 2);
        assertMerge(tree, 2, 2, 6, 4.5, 3);
        assertMerge(tree, 3, 5, 7, 47.0 / 6.0, 5);
    }

    @Test
    void fivePointsCutAtThresholdsKeepMergesAtExactlyTau() {
        Dendrogram tree = AverageLinkage.build(FIVE);

        assertThat(tree.cutAtHeight(1.99).labels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(tree.cutAtHeight(2.0).labels()).containsExactly(0, 0, 1, 2, 3);
        assertThat(tree.cutAtHeight(4.4).labels()).containsExactly(0, 0, 1, 2, 2);
        assertThat(tree.cutAtHeight(4.5).labels()).containsExactly(0, 0, 1, 1, 1);
        assertThat(tree.cutAtHeight(47.0 / 6.0).labels()).containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void fivePointsCutIntoFixedNumbersOfClusters() {
        Dendrogram tree = AverageLinkage.build(FIVE);

        assertThat(tree.cutToMaxClusters(1).labels()).containsExactly(0, 0, 0, 0, 0);
        assertThat(tree.cutToMaxClusters(2).labels()).containsExactly(0, 0, 1, 1, 1);
        assertThat(tree.cutToMaxClusters(3).labels()).containsExactly(0, 0, 1, 2, 2);
        assertThat(tree.cutToMaxClusters(4).labels()).containsExactly(0, 0, 1, 2, 3);
        assertThat(tree.cutToMaxClusters(9).labels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(tree.cutToClusterCount(3).members(2)).containsExactly(3, 4);
    }

    @Test
    void equidistantPointsMergeBySmallestRepresentatives() {
        double[][] d = {
            {0, 1, 1, 1},
            {1, 0, 1, 1},
            {1, 1, 0, 1},
            {1, 1, 1, 0},
        };
        Dendrogram tree = AverageLinkage.build(d);

        // (0,1) first; then {0,1}+2 beats {0,1}+3 and 2+3 on the pair (0,2)
        assertMerge(tree, 0, 0, 1, 1.0, 2);
        assertMerge(tree, 1, 4, 2, 1.0, 3);
        assertMerge(tree, 2, 5, 3, 1.0, 4);
        // maxclust keeps every merge tied at the threshold; the exact-count cut does not
        assertThat(tree.cutToMaxClusters(2).clusterCount()).isEqualTo(1);
        assertThat(tree.cutToClusterCount(2).labels()).containsExactly(0, 0, 0, 1);
    }

    @Test
    void aMergedClusterWinsATieThroughItsSmallerRepresentative() {
        // {0,3} forms first; then ({0,3},1) and (1,2) are both at 2: the pair (0,1) beats (1,2)
        double[][] d = {
            {0, 2, 5, 1},
            {2, 0, 2, 2},
            {5, 2, 0, 5},
            {1, 2, 5, 0},
        };
        Dendrogram tree = AverageLinkage.build(d);

        assertMerge(tree, 0, 0, 3, 1.0, 2);
        assertMerge(tree, 1, 4, 1, 2.0, 3);
        assertMerge(tree, 2, 5, 2, 4.0, 4);
    }

    @Test
    void singleTokenHasNoMergesAndOneCluster() {
        Dendrogram tree = AverageLinkage.build(new double[][] {{0}});

        assertThat(tree.mergeCount()).isZero();
        assertThat(tree.cutAtHeight(0.25).labels()).containsExactly(0);
        assertThat(tree.cutToMaxClusters(3).labels()).containsExactly(0);
    }

    @Test
    void inputMatrixIsLeftUntouched() {
        double[][] d = {{0, 1, 2}, {1, 0, 3}, {2, 3, 0}};
        AverageLinkage.build(d);

        assertThat(d).isDeepEqualTo(new double[][] {{0, 1, 2}, {1, 0, 3}, {2, 3, 0}});
    }

    @Test
    void rejectsMatricesThatAreNotSymmetricSquareAndFinite() {
        assertThatThrownBy(() -> AverageLinkage.build(new double[0][0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one row");
        assertThatThrownBy(() -> AverageLinkage.build(new double[][] {{0, 1}, {1}}))
                .hasMessageContaining("row 1 has 1 entries, expected 2");
        assertThatThrownBy(() -> AverageLinkage.build(new double[][] {{0, 1}, {2, 0}}))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> AverageLinkage.build(new double[][] {{0, Double.NaN}, {Double.NaN, 0}}))
                .hasMessageContaining("not finite");
    }

    private static void assertMerge(Dendrogram tree, int k, int first, int second, double height, int size) {
        assertThat(tree.first(k)).as("first child of merge %d", k).isEqualTo(first);
        assertThat(tree.second(k)).as("second child of merge %d", k).isEqualTo(second);
        assertThat(tree.height(k)).as("height of merge %d", k).isCloseTo(height, within(1e-12));
        assertThat(tree.size(k)).as("size of merge %d", k).isEqualTo(size);
    }
}
