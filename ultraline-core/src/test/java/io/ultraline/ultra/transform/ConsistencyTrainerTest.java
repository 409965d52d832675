package io.ultraline.ultra.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConsistencyTrainerTest {

    private static final int GRID = 4, DIM = 3;

    /**
     * Tokens whose dimension 0 says which half (part) a patch is in, dimension 1 is per-patch texture
     * noise, and dimension 2 is the frame's brightness, which the second view changes.
     */
    private static ConsistencyStatistics halvesWithNuisances(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ConsistencyStatistics s = new ConsistencyStatistics(DIM);
        int[] same = new int[GRID * GRID];
        for (int t = 0; t < same.length; t++) {
            same[t] = t;
        }
        for (int f = 0; f < 30; f++) {
            float[] a = new float[GRID * GRID * DIM];
            float[] b = new float[a.length];
            double brightness = r.nextDouble() * 2 - 1;
            double other = r.nextDouble() * 2 - 1;
            for (int t = 0; t < GRID * GRID; t++) {
                float part = t % GRID < GRID / 2 ? 1 : -1;
                float texture = (float) (r.nextDouble() * 2 - 1);
                a[t * DIM] = part;
                a[t * DIM + 1] = texture;
                a[t * DIM + 2] = (float) brightness;
                b[t * DIM] = part;
                b[t * DIM + 1] = texture;
                b[t * DIM + 2] = (float) other;
            }
            s.addFrame(a, GRID, GRID);
            s.addViews(a, b, same);
        }
        return s;
    }

    @Test
    void keepsWhatSeparatesPartsAndDropsTextureAndLight() {
        TokenTransform w = new ConsistencyTrainer(1, 3000, 25, 25, 1, 0.01, 1)
                .train(halvesWithNuisances(3))
                .transform();
        float[] x = w.weights();
        assertThat(Math.abs(x[0])).isGreaterThan(5 * Math.abs(x[1])).isGreaterThan(5 * Math.abs(x[2]));
    }

    @Test
    void theGradientIsTheLossesDerivative() {
        ConsistencyStatistics stats = halvesWithNuisances(5);
        ConsistencyTrainer t = new ConsistencyTrainer(2, 0, 25, 25, 1, 0.01, 1);
        double[] c = stats.covariance();
        double[] s = stats.viewDifferences();
        double[] nb = stats.neighbourDifferences();
        for (int i = 0; i < s.length; i++) {
            s[i] += nb[i];
        }
        SplittableRandom r = new SplittableRandom(2);
        double[] w = new double[2 * DIM];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble() - 0.5;
        }
        double[] grad = t.gradient(w, c, s, DIM, 2, new double[3]);
        for (int i = 0; i < w.length; i++) {
            double h = 1e-6;
            double[] up = w.clone();
            up[i] += h;
            double[] down = w.clone();
            down[i] -= h;
            double numeric = (loss(t, up, c, s) - loss(t, down, c, s)) / (2 * h);
            assertThat(grad[i]).as("dL/dw[%d]", i).isCloseTo(numeric, within(1e-4 * Math.max(1, Math.abs(numeric))));
        }
    }

    private static double loss(ConsistencyTrainer t, double[] w, double[] c, double[] s) {
        double[] terms = new double[3];
        t.gradient(w, c, s, DIM, 2, terms);
        return t.lambda() * terms[0] + t.mu() * terms[1] + t.nu() * terms[2];
    }

    @Test
    void identityLeavesTokensAlone() {
        float[] z = {1, 2, 3, 4, 5, 6};
        assertThat(TokenTransform.identity(3).apply(z, 2)).containsExactly(z);
        assertThat(new TokenTransform(3, 1, new float[] {1, 0, -1}).apply(z, 2)).containsExactly(-2, -2);
    }
}
