package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SelfEntryFixTest {

    @Test
    void diagonalBecomesTheLargestOtherEntry() {
        float[][] maps = {
            {9f, 1f, 3f},
            {2f, 8f, 0.5f},
            {0f, 0f, 7f},
        };

        float[][] fixed = SelfEntryFix.fixed(maps);

        assertThat(fixed[0]).containsExactly(3f, 1f, 3f);
        assertThat(fixed[1]).containsExactly(2f, 2f, 0.5f);
        assertThat(fixed[2]).containsExactly(0f, 0f, 0f);
    }

    @Test
    void copyLeavesTheInputAloneAndInPlaceOverwritesIt() {
        float[][] maps = {{5f, 1f}, {4f, 6f}};

        SelfEntryFix.fixed(maps);
        assertThat(maps[0]).containsExactly(5f, 1f);

        SelfEntryFix.fixInPlace(maps);
        assertThat(maps[0]).containsExactly(1f, 1f);
        assertThat(maps[1]).containsExactly(4f, 4f);
    }

    @Test
    void maximumIncludesTheZeroedEntrySoNegativeMapsGetZero() {
        float[] map = {-1f, 3f, -2f};

        SelfEntryFix.fixRow(map, 1);

        assertThat(map).containsExactly(-1f, 0f, -2f);
    }

    @Test
    void singleTokenMapBecomesZero() {
        assertThat(SelfEntryFix.fixed(new float[][] {{4f}})[0]).containsExactly(0f);
    }

    @Test
    void rejectsMapsThatAreNotSquare() {
        assertThatThrownBy(() -> SelfEntryFix.fixed(new float[][] {{1f, 2f}, {3f}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("map 1 has 1 entries, expected 2");
        assertThatThrownBy(() -> SelfEntryFix.fixRow(new float[2], 2)).hasMessageContaining("self index 2");
    }
}
