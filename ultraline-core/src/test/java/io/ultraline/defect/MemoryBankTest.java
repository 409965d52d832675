package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MemoryBankTest {

    // sizes that are not multiples of the tile (128) nor of the 4-way unroll
    private static final int M = 300;
    private static final int D = 37;
    private static final int N = 50;

    @Test
    void nearestDistancesAndIndicesMatchBruteForce() {
        Gaussians g = new Gaussians(1);
        float[] rows = g.tokens(M, D, 0f, 1f);
        float[] queries = g.tokens(N, D, 0f, 1f);
        MemoryBank bank = MemoryBank.of(rows, D);

        float[] distances = bank.nearestDistances(queries);
        int[] indices = bank.nearestIndices(queries);

        for (int q = 0; q < N; q++) {
            int expected = Gaussians.bruteNearest(rows, queries, q, D);
            assertThat(indices[q]).as("query %d", q).isEqualTo(expected);
            assertThat((double) distances[q])
                    .as("query %d", q)
                    .isCloseTo(Gaussians.distance(queries, q, rows, expected, D), within(1e-5));
        }
    }

    @Test
    void largeCommonOffsetDoesNotSpoilTheDistances() {
        // ViT tokens share a large common component: |x|^2 is huge next to the distances
        Gaussians g = new Gaussians(2);
        float[] rows = g.tokens(M, D, 60f, 1f);
        float[] queries = g.tokens(N, D, 60f, 1f);

        float[] distances = MemoryBank.of(rows, D).nearestDistances(queries);

        for (int q = 0; q < N; q++) {
            double exact = Gaussians.distance(queries, q, rows, Gaussians.bruteNearest(rows, queries, q, D), D);
            assertThat((double) distances[q]).as("query %d", q).isCloseTo(exact, within(1e-3 * exact));
        }
    }

    @Test
    void everyBankTokenIsAtDistanceExactlyZeroFromItself() {
        float[] rows = new Gaussians(3).tokens(M, D, 60f, 1f);

        float[] distances = MemoryBank.of(rows, D).nearestDistances(rows);

        assertThat(distances).containsOnly(0f);
    }

    @Test
    void rowsComeBackExactly() {
        float[] rows = new Gaussians(4).tokens(M, D, 0f, 3f);
        MemoryBank bank = MemoryBank.of(rows, D);

        assertThat(bank.rows()).containsExactly(rows);
        assertThat(bank.token(299)).containsExactly(java.util.Arrays.copyOfRange(rows, 299 * D, 300 * D));
        assertThat(bank.size()).isEqualTo(M);
        assertThat(bank.dim()).isEqualTo(D);
        assertThat(bank).isEqualTo(MemoryBank.of(rows.clone(), D));
    }

    @Test
    void aOneTokenBankAnswersEveryQuery() {
        MemoryBank bank = MemoryBank.of(new float[] {3f, 4f}, 2);

        assertThat(bank.nearestDistances(new float[] {0f, 0f, 3f, 4f})).containsExactly(5f, 0f);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MemoryBank.of(new float[0], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> MemoryBank.of(new float[5], 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 5 floats");
        assertThatThrownBy(() -> MemoryBank.of(new float[] {1f, Float.NaN}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-finite value NaN in token 0, component 1");
        MemoryBank bank = MemoryBank.of(new float[8], 4);
        assertThatThrownBy(() -> bank.nearestDistances(new float[6]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 4");
    }
}
