package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConceptGrowthRegionsTest {

    private final ConceptGrowthRegions rule = new ConceptGrowthRegions(new RegionConfig(0.5f, 0.25f));

    /**
     * 4 x 4 grid, threshold 10. Core: tokens 5 and 6 (scores 12, 11). Token 7 scores 6 (above
     * 0.5 x 10) and shares concept 1 with the core: it joins. Token 4 scores 6 but carries concept 0,
     * which the core lacks: it stays out. Token 9 carries concept 1 but scores 4: it stays out.
     */
    @Test
    void coreGrowsOnlyIntoItsOwnConceptsAboveTheLowScore() {
        float[] scores = {0, 0, 0, 0, 6, 12, 11, 6, 0, 4, 0, 0, 0, 0, 0, 0};
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0};
        List<TokenRegion> regions = rule.find(scores, labels, 4, 4, 10f);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).tokens()).containsExactly(5, 6, 7);
        assertThat(regions.get(0).conceptId()).isEqualTo(1);
    }

    @Test
    void aCoreAcrossTwoConceptsStaysOneRegion() {
        float[] scores = {0, 0, 0, 0, 0, 12, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        int[] labels = {0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        List<TokenRegion> regions = rule.find(scores, labels, 4, 4, 10f);
        assertThat(regions).hasSize(1);
        assertThat(regions.get(0).tokens()).containsExactly(5, 6);
    }

    @Test
    void separateCoresGiveSeparateRegionsAndNoCoreGivesNone() {
        float[] scores = {12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15};
        int[] labels = new int[16];
        List<TokenRegion> regions = rule.find(scores, labels, 4, 4, 10f);
        assertThat(regions).hasSize(2);
        assertThat(rule.find(new float[16], labels, 4, 4, 10f)).isEmpty();
    }
}
