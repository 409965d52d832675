package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenThresholdRegionsTest {

    private static final int G = 4;
    private static final RegionFinder BASELINE = new TokenThresholdRegions();

    @Test
    void componentsIgnoreConceptsAndUseFourConnectivity() {
        int[] labels = {
            0, 0, 1, 1,
            0, 0, 1, 1,
            0, 0, 1, 1,
            0, 0, 1, 1
        };
        float[] scores = {
            0, 2, 2, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
            3, 0, 0, 0.5f
        };
        // (3, 3) sits diagonally from nothing above threshold; (3, 0) is alone

        assertThat(BASELINE.find(scores, labels, G, G, 1f))
                .containsExactly(
                        new TokenRegion(TokenRegion.NO_CONCEPT, new int[] {1, 2}),
                        new TokenRegion(TokenRegion.NO_CONCEPT, new int[] {12}));
    }

    @Test
    void diagonalNeighboursAreSeparateRegions() {
        float[] scores = new float[G * G];
        scores[5] = 2f;
        scores[10] = 2f;

        assertThat(BASELINE.find(scores, new int[G * G], G, G, 1f)).hasSize(2);
    }

    @Test
    void noTokenAboveTheThresholdNoRegion() {
        float[] scores = new float[G * G];
        scores[3] = 1f;

        assertThat(BASELINE.find(scores, new int[G * G], G, G, 1f)).isEmpty();
    }
}
