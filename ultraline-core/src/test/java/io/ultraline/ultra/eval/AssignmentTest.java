package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AssignmentTest {

    @Test
    void aGreedyFirstChoiceIsNotTheOptimum() {
        // Greedy takes (0,0)=9 and then must take (1,1)=1: 10. The optimum is 8 + 8 = 16.
        double[][] gain = {{9, 8}, {8, 1}};
        assertThat(Assignment.maximise(gain)).containsExactly(1, 0);
    }

    @Test
    void moreRowsThanColumnsLeavesTheWeakestRowUnmatched() {
        double[][] gain = {{1, 0}, {0, 5}, {4, 0}};
        assertThat(Assignment.maximise(gain)).containsExactly(-1, 1, 0);
    }

    @Test
    void moreColumnsThanRowsMatchesEveryRow() {
        double[][] gain = {{0, 3, 1}};
        assertThat(Assignment.maximise(gain)).containsExactly(1);
    }

    @Test
    void agreesWithBruteForceOnRandomMatrices() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int rows = 1 + r.nextInt(5);
            int cols = 1 + r.nextInt(5);
            double[][] gain = new double[rows][cols];
            for (double[] row : gain) {
                for (int c = 0; c < cols; c++) {
                    row[c] = r.nextInt(10);
                }
            }
            assertThat(total(gain, Assignment.maximise(gain))).isEqualTo(bruteForce(gain, 0, new boolean[cols]));
        }
    }

    @Test
    void rejectsRaggedAndNonFiniteMatrices() {
        assertThatThrownBy(() -> Assignment.maximise(new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("rows differ");
        assertThatThrownBy(() -> Assignment.maximise(new double[][] {{Double.NaN}}))
                .hasMessageContaining("finite");
    }

    private static double total(double[][] gain, int[] match) {
        double s = 0;
        boolean[] used = new boolean[gain[0].length];
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                assertThat(used[match[i]]).as("column used twice").isFalse();
                used[match[i]] = true;
                s += gain[i][match[i]];
            }
        }
        return s;
    }

    private static double bruteForce(double[][] gain, int row, boolean[] used) {
        if (row == gain.length) {
            return 0;
        }
        double best = bruteForce(gain, row + 1, used); // leave this row unmatched
        for (int c = 0; c < used.length; c++) {
            if (!used[c]) {
                used[c] = true;
                best = Math.max(best, gain[row][c] + bruteForce(gain, row + 1, used));
                used[c] = false;
            }
        }
        return best;
    }
}
