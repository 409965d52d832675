package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RunLengthMaskTest {

    @Test
    void encodesAlternatingRunsStartingWithUnsetCells() {
        boolean[] cells = {false, false, true, true, true, false, true};

        RunLengthMask mask = RunLengthMask.encode(cells, 1, 7);

        assertThat(mask.runs()).containsExactly(2, 3, 1, 1);
        assertThat(mask.setCount()).isEqualTo(4);
        assertThat(mask.decode()).containsExactly(cells);
    }

    @Test
    void edgeCasesAllUnsetAllSetAndFirstCellSet() {
        assertThat(RunLengthMask.encode(new boolean[6], 2, 3).runs()).containsExactly(6);
        assertThat(RunLengthMask.encode(new boolean[] {true, true, true, true}, 2, 2)
                        .runs())
                .containsExactly(0, 4);
        assertThat(RunLengthMask.encode(new boolean[] {true, false, false, true}, 2, 2)
                        .runs())
                .containsExactly(0, 1, 2, 1);
        assertThat(new RunLengthMask(2, 2, new int[] {0, 4}).decode()).containsExactly(true, true, true, true);
        assertThat(new RunLengthMask(1, 1, new int[] {1}).decode()).containsExactly(false);
    }

    @Test
    void roundTripsRandomGrids() {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            int gridH = 1 + random.nextInt(16);
            int gridW = 1 + random.nextInt(16);
            double density = random.nextDouble();
            boolean[] cells = new boolean[gridH * gridW];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = random.nextDouble() < density;
            }

            RunLengthMask mask = RunLengthMask.encode(cells, gridH, gridW);

            assertThat(mask.decode()).as("round %d", round).containsExactly(cells);
            assertThat(new RunLengthMask(gridH, gridW, mask.runs())).isEqualTo(mask);
            int[] runs = mask.runs();
            for (int i = 1; i < runs.length; i++) {
                assertThat(runs[i]).as("round %d run %d is canonical", round, i).isPositive();
            }
        }
    }

    @Test
    void decodingAcceptsZeroLengthRunsInTheMiddle() {
        assertThat(new RunLengthMask(1, 4, new int[] {1, 0, 2, 1}).decode()).containsExactly(false, false, false, true);
    }

    @Test
    void rejectsRunsThatDoNotFitTheGrid() {
        assertThatThrownBy(() -> new RunLengthMask(2, 2, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("runs sum to 3 but the 2 x 2 grid has 4 cells");
        assertThatThrownBy(() -> new RunLengthMask(2, 2, new int[] {5, -1})).hasMessage("run 1 is negative: -1");
        assertThatThrownBy(() -> new RunLengthMask(2, 2, new int[0])).hasMessageContaining("runs sum to 0");
        assertThatThrownBy(() -> new RunLengthMask(0, 2, new int[0])).hasMessageContaining("at least 1 x 1");
        assertThatThrownBy(() -> RunLengthMask.encode(new boolean[3], 2, 2)).hasMessageContaining("the mask has 3");
    }

    @Test
    void runsCannotBeChangedFromOutside() {
        int[] runs = {1, 3};
        RunLengthMask mask = new RunLengthMask(2, 2, runs);
        runs[0] = 4;
        mask.runs()[1] = 0;

        assertThat(mask.runs()).containsExactly(1, 3);
    }
}
