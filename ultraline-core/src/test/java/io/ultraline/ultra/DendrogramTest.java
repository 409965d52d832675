package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DendrogramTest {

    @Test
    void heightCutLooksAtTheHighestMergeInsideASubtree() {
        // merge 1 is lower than its child merge 0 (not monotone): a cut between them must not
        // join leaf 2 to a subtree that contains a merge above the threshold
        Dendrogram tree = new Dendrogram(3, new int[] {0, 3}, new int[] {1, 2}, new double[] {0.5, 0.3});

        assertThat(tree.cutAtHeight(0.4).labels()).containsExactly(0, 1, 2);
        assertThat(tree.cutAtHeight(0.5).labels()).containsExactly(0, 0, 0);
    }

    @Test
    void rejectsMergesThatDoNotFormOneTree() {
        assertThatThrownBy(() -> new Dendrogram(3, new int[] {0, 0}, new int[] {1, 2}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot take child 0");
        assertThatThrownBy(() -> new Dendrogram(3, new int[] {0, 4}, new int[] {1, 2}, new double[] {1, 2}))
                .hasMessageContaining("cannot take child 4");
        assertThatThrownBy(() -> new Dendrogram(2, new int[] {1}, new int[] {0}, new double[] {1}))
                .hasMessageContaining("first child must hold the smaller leaf");
        assertThatThrownBy(() -> new Dendrogram(3, new int[] {0}, new int[] {1}, new double[] {1}))
                .hasMessageContaining("has 2 merges");
    }

    @Test
    void rejectsNonPositiveClusterCountsAndNaNThresholds() {
        Dendrogram tree = new Dendrogram(2, new int[] {0}, new int[] {1}, new double[] {1});

        assertThatThrownBy(() -> tree.cutToMaxClusters(0)).hasMessageContaining("at least 1, got 0");
        assertThatThrownBy(() -> tree.cutToClusterCount(-1)).hasMessageContaining("at least 1, got -1");
        assertThatThrownBy(() -> tree.cutAtHeight(Double.NaN)).hasMessageContaining("NaN");
    }
}
