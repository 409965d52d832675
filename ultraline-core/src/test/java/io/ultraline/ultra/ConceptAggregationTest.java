package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConceptAggregationTest {

    @Test
    void sumsTheMembersAndScalesToZeroFive() {
        float[][] maps = {
            {1, 0, 3, 0},
            {0, 0, 1, 0},
            {3, 3, 3, 3},
            {1, 2, 2, 4},
        };
        Clustering clusters = Clustering.ofGroups(new int[] {0, 0, 1, 2});

        float[][] concept = ConceptAggregation.conceptMaps(maps, clusters);

        // cluster 0 sums to {1, 0, 4, 0}: min 0, max 4
        assertThat(concept[0]).containsExactly(1.25f, 0f, 5f, 0f);
        // cluster 1 is constant: all zeros
        assertThat(concept[1]).containsExactly(0f, 0f, 0f, 0f);
        // cluster 2: {1, 2, 2, 4}: min 1, max 4
        assertThat(concept[2]).containsExactly(0f, 5f / 3f, 5f / 3f, 5f);
    }

    @Test
    void negativeValuesAreShiftedSoTheMinimumIsZero() {
        float[] normalised = ConceptAggregation.normalised(new double[] {-2, 0, 2});

        assertThat(normalised).containsExactly(0f, 2.5f, 5f);
    }

    @Test
    void rejectsAClusteringOfAnotherSize() {
        assertThatThrownBy(() -> ConceptAggregation.conceptMaps(new float[2][2], Clustering.ofGroups(new int[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("covers 3 tokens but there are 2 maps");
    }
}
