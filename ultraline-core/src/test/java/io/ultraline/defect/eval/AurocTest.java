package io.ultraline.defect.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AurocTest {

    @Test
    void perfectSeparationIsOneAndReversedIsZero() {
        float[] s = {0.1f, 0.2f, 0.8f, 0.9f};
        assertThat(Auroc.of(s, new boolean[] {false, false, true, true})).isEqualTo(1.0);
        assertThat(Auroc.of(s, new boolean[] {true, true, false, false})).isEqualTo(0.0);
    }

    @Test
    void tiesCountOneHalf() {
        float[] s = {0.5f, 0.5f, 0.5f, 0.5f};
        assertThat(Auroc.of(s, new boolean[] {false, true, false, true})).isEqualTo(0.5);
        // worked by hand: positives {0.3, 0.7}, negatives {0.3, 0.1}: pairs (0.3,0.3)=0.5 (0.3,0.1)=1
        // (0.7,0.3)=1 (0.7,0.1)=1 -> 3.5 / 4
        assertThat(Auroc.of(new float[] {0.3f, 0.7f, 0.3f, 0.1f}, new boolean[] {true, true, false, false}))
                .isEqualTo(0.875);
    }

    @Test
    void matchesThePairCountingDefinitionOnRandomData() {
        SplittableRandom r = new SplittableRandom(4);
        float[] s = new float[300];
        boolean[] l = new boolean[300];
        for (int i = 0; i < s.length; i++) {
            l[i] = r.nextInt(3) == 0;
            s[i] = (float) Math.floor((r.nextDouble() + (l[i] ? 0.3 : 0)) * 20) / 20;
        }
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (l[i] && !l[j]) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
        }
        assertThat(Auroc.of(s, l)).isCloseTo(wins / pairs, within(1e-12));
    }

    @Test
    void oneClassOnlyIsRefused() {
        assertThatThrownBy(() -> Auroc.of(new float[] {1, 2}, new boolean[] {true, true}))
                .hasMessageContaining("positives and negatives");
    }

    @Test
    void pixelAurocPoolsTheFramesAndIsNullWithoutADefectivePixel() {
        java.util.List<float[]> scores = java.util.List.of(new float[] {0.1f, 0.9f}, new float[] {0.2f, 0.8f});
        java.util.List<boolean[]> masks = java.util.List.of(new boolean[] {false, true}, new boolean[] {false, false});

        org.assertj.core.api.Assertions.assertThat(Auroc.ofPixels(scores, masks))
                .isEqualTo(Auroc.of(new float[] {0.1f, 0.9f, 0.2f, 0.8f}, new boolean[] {false, true, false, false}));
        org.assertj.core.api.Assertions.assertThat(
                        Auroc.ofPixels(scores, java.util.List.of(new boolean[2], new boolean[2])))
                .isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        Auroc.ofPixels(java.util.List.of(new float[3]), java.util.List.of(new boolean[] {true, false})))
                .hasMessageContaining("3 pixel scores for a mask of 2");
    }
}
