package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SegmentationScoresTest {

    @Test
    void aPerfectSegmentationScoresOne() {
        int[] parts = {0, 0, 1, 1, 2, 2};
        SegmentationScores s = SegmentationScores.of(parts, parts);
        assertThat(s.miou()).isEqualTo(1.0);
        assertThat(s.pixelAccuracy()).isEqualTo(1.0);
        assertThat(s.ari()).isEqualTo(1.0);
    }

    @Test
    void renamedLabelsStillScoreOne() {
        int[] parts = {0, 0, 1, 1, 2, 2};
        int[] concepts = {7, 7, 3, 3, 0, 0};
        SegmentationScores s = SegmentationScores.of(concepts, parts);
        assertThat(s.miou()).isEqualTo(1.0);
        assertThat(s.pixelAccuracy()).isEqualTo(1.0);
        assertThat(s.ari()).isEqualTo(1.0);
    }

    @Test
    void oneConceptForTwoEqualPartsByHand() {
        // The single concept matches one part: IoU 2/4 for it, 0 for the other -> mIoU 0.25;
        // accuracy 2/4. ARI: index = C(2,2) + C(2,2) = 2, rows C(4,2) = 6,
        // columns 2, expected 6*2/6=2, max 4 -> (2-2)/(4-2) = 0.
        SegmentationScores s = SegmentationScores.of(new int[] {5, 5, 5, 5}, new int[] {0, 0, 1, 1});
        assertThat(s.miou()).isEqualTo(0.25);
        assertThat(s.pixelAccuracy()).isEqualTo(0.5);
        assertThat(s.ari()).isEqualTo(0.0);
    }

    @Test
    void adjustedRandOfAKnownPair() {
        // truth {0,0,0,1,1,1}, predicted {0,0,1,1,2,2}: cells (0,0)=2 (1,0)=1 (1,1)=1 (2,1)=2.
        // index = 1 + 0 + 0 + 1 = 2; rows = 1+1+1 = 3; columns = 3+3 = 6; pairs(6) = 15;
        // expected = 18/15 = 1.2; max = 4.5; ARI = 0.8 / 3.3 = 0.242424...
        double ari = SegmentationScores.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 0, 1, 1, 1})
                .ari();
        assertThat(ari).isCloseTo(0.8 / 3.3, within(1e-12));
    }

    @Test
    void aRandomLookingLabellingScoresBelowChance() {
        // Every concept splits every part evenly: index 0 pairs kept together beyond chance.
        double ari = SegmentationScores.of(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1})
                .ari();
        assertThat(ari).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void matchedIouUsesTheBestMatchingNotTheLargestOverlapFirst() {
        // truth 0: 6 px, truth 1: 2 px; concept A covers 4 of truth 0 and both of truth 1, B the other 2 of truth 0.
        int[] truth = {0, 0, 0, 0, 0, 0, 1, 1};
        int[] concepts = {0, 0, 0, 0, 1, 1, 0, 0};
        // A->0 (4/8) + B->1 (0) = 0.5, or A->1 (2/6) + B->0 (2/6) = 0.667: the second is the optimum.
        assertThat(SegmentationScores.of(concepts, truth).miou()).isCloseTo((2.0 / 6 + 2.0 / 6) / 2, within(1e-12));
    }

    @Test
    void rejectsLabellingsOfDifferentPixels() {
        assertThatThrownBy(() -> SegmentationScores.of(new int[] {0}, new int[] {0, 1}))
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> SegmentationScores.of(new int[] {-1}, new int[] {0}))
                .hasMessageContaining("negative");
    }
}
