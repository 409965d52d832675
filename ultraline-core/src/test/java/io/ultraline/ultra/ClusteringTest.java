package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusteringTest {

    @Test
    void labelsFollowTheSmallestMemberOfEachCluster() {
        Clustering clustering = Clustering.ofGroups(new int[] {7, 3, 7, 9, 3});

        assertThat(clustering.labels()).containsExactly(0, 1, 0, 2, 1);
        assertThat(clustering.clusterCount()).isEqualTo(3);
        assertThat(clustering.members(1)).containsExactly(1, 4);
        assertThat(clustering.size(0)).isEqualTo(2);
    }

    @Test
    void equalPartitionsAreEqualWhateverTheGroupIds() {
        assertThat(Clustering.ofGroups(new int[] {5, 5, 1}))
                .isEqualTo(Clustering.ofGroups(new int[] {0, 0, 2}))
                .isNotEqualTo(Clustering.ofGroups(new int[] {0, 1, 1}));
    }
}
