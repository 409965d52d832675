package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PatchLabellingTest {

    @Test
    void everyPatchTakesTheClusterWithTheHighestMapAndTiesGoToTheLowestCluster() {
        float[][] clusterMaps = {
            {5, 1, 2, 0},
            {1, 5, 2, 0},
            {0, 5, 1, 0},
        };

        PatchLabels labels = PatchLabelling.label(clusterMaps);

        assertThat(labels.winningClusters()).containsExactly(0, 1, 0, 0);
        assertThat(labels.labels()).containsExactly(0, 1, 0, 0);
        assertThat(labels.conceptCount()).isEqualTo(2);
    }

    @Test
    void clustersThatWinNoPatchDisappearAndTheRestAreRenumbered() {
        float[][] clusterMaps = {
            {0, 0, 0},
            {5, 0, 1},
            {1, 1, 1},
            {0, 5, 0},
        };

        PatchLabels labels = PatchLabelling.label(clusterMaps);

        assertThat(labels.winningClusters()).containsExactly(1, 3, 1);
        assertThat(labels.labels()).containsExactly(0, 1, 0);
        assertThat(labels.conceptClusters()).containsExactly(1, 3);
        assertThat(labels.conceptCount()).isEqualTo(2);
        assertThat(labels.conceptCluster(1)).isEqualTo(3);
    }

    @Test
    void rejectsRaggedMapsAndNaN() {
        assertThatThrownBy(() -> PatchLabelling.label(new float[][] {{1, 2}, {1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster map 1 has 1 entries");
        assertThatThrownBy(() -> PatchLabelling.label(new float[][] {{1, 2}, {1, Float.NaN}}))
                .hasMessageContaining("cluster map 1 is NaN at patch 1");
        assertThatThrownBy(() -> PatchLabelling.label(new float[0][])).hasMessageContaining("at least one cluster map");
    }
}
