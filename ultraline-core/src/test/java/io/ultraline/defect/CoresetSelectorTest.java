package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CoresetSelectorTest {

    private static final int D = 17; // odd: exercises the kernels' remainder paths

    @Test
    void everyTokenLiesWithinTheRadiusOfTheCoresetAndTheRadiusIsTight() {
        float[] tokens = new Gaussians(5).tokens(1000, D, 0f, 1f);

        CoresetSelector.Coreset coreset = new CoresetSelector(100, 0, 1).select(tokens, D);

        assertThat(coreset.size()).isEqualTo(100);
        assertThat(coreset.projected()).isFalse();
        float[] kept = CoresetSelector.gather(tokens, D, coreset);
        double worst = 0;
        for (int i = 0; i < 1000; i++) {
            double nearest = Gaussians.distance(tokens, i, kept, Gaussians.bruteNearest(kept, tokens, i, D), D);
            assertThat(nearest).as("token %d", i).isLessThanOrEqualTo(coreset.radius() * (1 + 1e-5));
            worst = Math.max(worst, nearest);
        }
        assertThat(worst).isCloseTo(coreset.radius(), within(1e-4));
    }

    @Test
    void startsAtTokenZeroAndKeepsFarthestPointsApart() {
        float[] tokens = new Gaussians(6).tokens(700, D, 0f, 1f);

        CoresetSelector.Coreset coreset = new CoresetSelector(50, 0, 1).select(tokens, D);

        int[] indices = coreset.indices();
        assertThat(indices[0]).isZero();
        assertThat(indices).doesNotHaveDuplicates();
        // each pick was at least the final radius away from every earlier pick
        for (int a = 0; a < indices.length; a++) {
            for (int b = 0; b < a; b++) {
                assertThat(Gaussians.distance(tokens, indices[a], tokens, indices[b], D))
                        .isGreaterThanOrEqualTo(coreset.radius() * (1 - 1e-5));
            }
        }
    }

    @Test
    void isDeterministic() {
        float[] tokens = new Gaussians(7).tokens(900, 200, 0f, 1f);
        CoresetSelector selector = new CoresetSelector(64, 32, 99);

        CoresetSelector.Coreset first = selector.select(tokens, 200);
        CoresetSelector.Coreset second = new CoresetSelector(64, 32, 99).select(tokens.clone(), 200);

        assertThat(first.indices()).containsExactly(second.indices());
        assertThat(first.radius()).isEqualTo(second.radius());
    }

    @Test
    void projectedSearchStillCoversTheOriginalTokens() {
        int dim = 256;
        float[] tokens = new Gaussians(8).tokens(800, dim, 0f, 1f);

        CoresetSelector.Coreset coreset = new CoresetSelector(80, 64, 3).select(tokens, dim);

        assertThat(coreset.projected()).isTrue();
        assertThat(coreset.size()).isEqualTo(80);
        float[] kept = CoresetSelector.gather(tokens, dim, coreset);
        float[] distances = MemoryBank.of(kept, dim).nearestDistances(tokens);
        float trueRadius = TokenScorer.frameScore(distances);
        // distances survive a 64-dimensional projection within a few tens of percent
        assertThat((double) trueRadius).isBetween(0.6 * coreset.radius(), 1.5 * coreset.radius());
    }

    @Test
    void smallInputsAreKeptWhole() {
        float[] tokens = new Gaussians(9).tokens(30, D, 0f, 1f);

        CoresetSelector.Coreset coreset = new CoresetSelector(30, 0, 1).select(tokens, D);

        assertThat(coreset.indices()).hasSize(30).startsWith(0, 1, 2).endsWith(29);
        assertThat(coreset.radius()).isZero();
        assertThat(CoresetSelector.gather(tokens, D, coreset)).containsExactly(tokens);
    }

    @Test
    void stopsEarlyWhenEveryTokenCoincidesWithAKeptOne() {
        float[] distinct = new Gaussians(10).tokens(5, D, 0f, 1f);
        float[] tokens = new float[500 * D];
        for (int i = 0; i < 500; i++) {
            System.arraycopy(distinct, (i % 5) * D, tokens, i * D, D);
        }

        CoresetSelector.Coreset coreset = new CoresetSelector(100, 0, 1).select(tokens, D);

        assertThat(coreset.indices()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(coreset.radius()).isZero();
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new CoresetSelector(0, 0, 1)).hasMessageContaining("coreset size must be at least 1");
        assertThatThrownBy(() -> new CoresetSelector(5, -1, 1)).hasMessageContaining("projection dimension");
        assertThatThrownBy(() -> new CoresetSelector(5, 0, 1).select(new float[7], 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
