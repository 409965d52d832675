package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TargetStrategyTest {

    /** Three tight groups in 2-d: 10 tokens near (0, 0), 3 near (10, 0), 1 at (0, 10). */
    private static float[] threeGroups() {
        Random r = new Random(3);
        float[] t = new float[14 * 2];
        for (int i = 0; i < 14; i++) {
            float cx = i < 10 ? 0f : i < 13 ? 10f : 0f;
            float cy = i == 13 ? 10f : 0f;
            t[2 * i] = cx + 0.1f * r.nextFloat();
            t[2 * i + 1] = cy + 0.1f * r.nextFloat();
        }
        return t;
    }

    private static int groupOf(int token) {
        return token < 10 ? 0 : token < 13 ? 1 : 2;
    }

    @Test
    void representativesReachEveryGroupBeforeAnyGroupGetsASecondToken() {
        int[] chosen = TargetStrategy.REPRESENTATIVES.choose(threeGroups(), 14, 2, 3, null);

        assertThat(chosen).hasSize(3).isSorted();
        assertThat(new int[] {groupOf(chosen[0]), groupOf(chosen[1]), groupOf(chosen[2])})
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void representativesAreDeterministicDistinctAndSorted() {
        float[] tokens = new float[64 * 8];
        Random r = new Random(1);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextFloat();
        }
        int[] a = TargetStrategy.REPRESENTATIVES.choose(tokens, 64, 8, 16, null);

        assertThat(a).hasSize(16).isSorted().doesNotHaveDuplicates();
        assertThat(TargetStrategy.REPRESENTATIVES.choose(tokens.clone(), 64, 8, 16, null))
                .containsExactly(a);
    }

    @Test
    void anomalousTakesTheHighestScoresThenFillsUpWithRepresentatives() {
        float[] scores = new float[14];
        scores[4] = 9f;
        scores[7] = 8f;
        scores[2] = 1f;
        int[] chosen = TargetStrategy.ANOMALOUS.choose(threeGroups(), 14, 2, 4, scores);

        assertThat(chosen).hasSize(4).isSorted().contains(4, 7);
        // both anomalous tokens lie in group 0, so the two representatives go to the other groups
        assertThat(java.util.Arrays.stream(chosen)
                        .map(TargetStrategyTest::groupOf)
                        .toArray())
                .containsExactlyInAnyOrder(0, 0, 1, 2);
    }

    @Test
    void allGivesEveryTokenAndSoDoesAskingForAtLeastN() {
        float[] tokens = threeGroups();
        int[] identity = UltraSegmenter.allTargets(14);

        assertThat(TargetStrategy.ALL.choose(tokens, 14, 2, 3, null)).containsExactly(identity);
        assertThat(TargetStrategy.REPRESENTATIVES.choose(tokens, 14, 2, 14, null))
                .containsExactly(identity);
        assertThat(TargetStrategy.ANOMALOUS.choose(tokens, 14, 2, 99, new float[14]))
                .containsExactly(identity);
    }

    @Test
    void parsesTheThreeNamesAndRejectsOthersNamingThem() {
        assertThat(TargetStrategy.parse("all")).isEqualTo(TargetStrategy.ALL);
        assertThat(TargetStrategy.parse(" Representatives ")).isEqualTo(TargetStrategy.REPRESENTATIVES);
        assertThat(TargetStrategy.parse("ANOMALOUS")).isEqualTo(TargetStrategy.ANOMALOUS);
        assertThat(TargetStrategy.ANOMALOUS.key()).isEqualTo("anomalous");
        assertThatThrownBy(() -> TargetStrategy.parse("random"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'random'")
                .hasMessageContaining("all, representatives or anomalous");
        assertThatThrownBy(() -> TargetStrategy.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        float[] tokens = threeGroups();
        assertThatThrownBy(() -> TargetStrategy.REPRESENTATIVES.choose(tokens, 14, 3, 4, null))
                .hasMessageContaining("14 x 3");
        assertThatThrownBy(() -> TargetStrategy.REPRESENTATIVES.choose(tokens, 14, 2, 0, null))
                .hasMessageContaining("at least one target");
        assertThatThrownBy(() -> TargetStrategy.ANOMALOUS.choose(tokens, 14, 2, 4, null))
                .hasMessageContaining("one score per token");
        assertThatThrownBy(() -> TargetStrategy.ANOMALOUS.choose(tokens, 14, 2, 4, new float[3]))
                .hasMessageContaining("one score per token (14), got 3");
    }
}
