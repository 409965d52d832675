package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built 6 x 6 grids, threshold 1, low threshold 0.6 (the default factor). */
class ConceptHysteresisRegionsTest {

    private static final int G = 6;
    private static final float THRESHOLD = 1f;
    private static final RegionFinder NO_WHOLE_CONCEPTS = new ConceptHysteresisRegions(new RegionConfig(0.6f, 0f));
    private static final RegionFinder DEFAULT = new ConceptHysteresisRegions(RegionConfig.defaults());

    private static int at(int row, int col) {
        return row * G + col;
    }

    /** Concept 0 on the left three columns, concept 1 on the right three. */
    private static int[] halves() {
        int[] labels = new int[G * G];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % G < 3 ? 0 : 1;
        }
        return labels;
    }

    @Test
    void aSeedGrowsThroughItsOwnConceptOnly() {
        float[] scores = new float[G * G];
        scores[at(2, 2)] = 2.0f; // seed, concept 0
        scores[at(1, 2)] = 0.8f; // concept 0, above low: joins
        scores[at(0, 2)] = 0.7f; // concept 0, reached through (1, 2): joins
        scores[at(2, 1)] = 0.61f; // concept 0, just above low: joins
        scores[at(3, 2)] = 0.5f; // concept 0, below low: stays out
        scores[at(2, 3)] = 0.95f; // concept 1, right next to the seed: stays out
        scores[at(2, 4)] = 0.9f; // concept 1: stays out

        List<TokenRegion> regions = NO_WHOLE_CONCEPTS.find(scores, halves(), G, G, THRESHOLD);

        assertThat(regions).containsExactly(new TokenRegion(0, new int[] {at(0, 2), at(1, 2), at(2, 1), at(2, 2)}));
    }

    @Test
    void twoSeparateAnomaliesGiveTwoRegions() {
        float[] scores = new float[G * G];
        scores[at(0, 0)] = 1.5f;
        scores[at(0, 1)] = 0.8f;
        scores[at(4, 4)] = 3f;
        scores[at(5, 4)] = 1.2f;

        List<TokenRegion> regions = DEFAULT.find(scores, halves(), G, G, THRESHOLD);

        assertThat(regions)
                .containsExactly(new TokenRegion(0, new int[] {at(0, 0), at(0, 1)}), new TokenRegion(1, new int[] {
                    at(4, 4), at(5, 4)
                }));
    }

    @Test
    void twoSeedsJoinedThroughTheLowBandMakeOneRegion() {
        float[] scores = new float[G * G];
        scores[at(1, 0)] = 1.1f;
        scores[at(2, 0)] = 0.7f;
        scores[at(3, 0)] = 1.3f;

        List<TokenRegion> regions = NO_WHOLE_CONCEPTS.find(scores, halves(), G, G, THRESHOLD);

        assertThat(regions).containsExactly(new TokenRegion(0, new int[] {at(1, 0), at(2, 0), at(3, 0)}));
    }

    @Test
    void anAnomalyAcrossTwoConceptsGivesOneRegionPerConcept() {
        float[] scores = new float[G * G];
        scores[at(3, 2)] = 2f;
        scores[at(3, 3)] = 2f;

        List<TokenRegion> regions = NO_WHOLE_CONCEPTS.find(scores, halves(), G, G, THRESHOLD);

        assertThat(regions).containsExactly(new TokenRegion(0, new int[] {at(3, 2)}), new TokenRegion(1, new int[] {
            at(3, 3)
        }));
    }

    @Test
    void noSeedsNoRegions() {
        float[] scores = new float[G * G];
        java.util.Arrays.fill(scores, 0.9f);
        scores[at(3, 3)] = THRESHOLD; // equal is not above

        assertThat(DEFAULT.find(scores, halves(), G, G, THRESHOLD)).isEmpty();
    }

    @Test
    void aSmallConceptComponentWithASeedIsTakenWhole() {
        // concept 2: a 2 x 3 blob (6 of 36 tokens, under a quarter) and, apart, a 1 x 2 blob
        int[] labels = new int[G * G];
        int[] blob = {at(1, 1), at(1, 2), at(1, 3), at(2, 1), at(2, 2), at(2, 3)};
        for (int token : blob) {
            labels[token] = 2;
        }
        labels[at(5, 4)] = 2;
        labels[at(5, 5)] = 2;
        float[] scores = new float[G * G];
        scores[at(2, 2)] = 1.4f; // the only seed; the rest of the blob scores 0
        scores[at(0, 2)] = 0.9f; // concept 0 next to the blob: not part of it

        assertThat(DEFAULT.find(scores, labels, G, G, THRESHOLD)).containsExactly(new TokenRegion(2, blob));
        assertThat(NO_WHOLE_CONCEPTS.find(scores, labels, G, G, THRESHOLD))
                .containsExactly(new TokenRegion(2, new int[] {at(2, 2)}));
    }

    @Test
    void aLargeConceptComponentIsNotTakenWhole() {
        float[] scores = new float[G * G];
        scores[at(0, 0)] = 1.4f;

        // concept 0 covers half of the grid, above the default quarter
        assertThat(DEFAULT.find(scores, halves(), G, G, THRESHOLD))
                .containsExactly(new TokenRegion(0, new int[] {at(0, 0)}));
    }

    @Test
    void rejectsMismatchedSizes() {
        assertThatThrownBy(() -> DEFAULT.find(new float[35], new int[36], G, G, THRESHOLD))
                .hasMessageContaining("needs 36 scores and labels");
        assertThatThrownBy(() -> DEFAULT.find(new float[36], new int[36], G, G, Float.NaN))
                .hasMessageContaining("threshold");
    }
}
