package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalAxesTest {

    /** Vectors spread mostly along (1, -1, 0, 0, 0) / sqrt 2, a little along the rest. */
    private static float[] data(int n) {
        SplittableRandom r = new SplittableRandom(5);
        float[] out = new float[n * 5];
        for (int i = 0; i < n; i++) {
            double big = 3 * r.nextGaussian();
            out[i * 5] = (float) (big + 0.1 * r.nextGaussian() + 2);
            out[i * 5 + 1] = (float) (-big + 0.1 * r.nextGaussian());
            for (int d = 2; d < 5; d++) {
                out[i * 5 + d] = (float) (0.1 * d * r.nextGaussian());
            }
        }
        return out;
    }

    @Test
    void rotationKeepsDistancesAndPutsTheWidestSpreadFirst() {
        float[] x = data(500);
        PrincipalAxes axes = PrincipalAxes.of(x, 5);
        float[] y = new float[x.length];
        float[] scratch = new float[5];
        for (int i = 0; i < 500; i++) {
            axes.rotate(x, i * 5, y, i * 5, scratch);
        }
        for (int i = 0; i < 499; i += 7) {
            assertThat(squared(y, i, i + 1)).isCloseTo(squared(x, i, i + 1), within(1e-3 * (1 + squared(x, i, i + 1))));
        }
        double[] variance = new double[5];
        for (int i = 0; i < 500; i++) {
            for (int d = 0; d < 5; d++) {
                variance[d] += y[i * 5 + d] * y[i * 5 + d];
            }
        }
        for (int d = 1; d < 5; d++) {
            assertThat(variance[d - 1]).isGreaterThanOrEqualTo(variance[d]);
        }
        assertThat(variance[0] / 500).isGreaterThan(15);
    }

    @Test
    void leadingAxesProjectOntoTheWidestSpreadAndReadBackEqual() {
        float[] x = data(300);
        PrincipalAxes all = PrincipalAxes.of(x, 5);
        PrincipalAxes one = all.leading(1);
        float[] full = new float[5];
        float[] first = new float[1];
        float[] scratch = new float[5];
        all.rotate(x, 10 * 5, full, 0, scratch);
        one.rotate(x, 10 * 5, first, 0, scratch);

        assertThat(one.components()).isEqualTo(1);
        assertThat(one.dim()).isEqualTo(5);
        assertThat(first[0]).isEqualTo(full[0]);
        PrincipalAxes stored = PrincipalAxes.of(one.mean(), one.axes());
        float[] again = new float[1];
        stored.rotate(x, 10 * 5, again, 0, scratch);
        assertThat(again[0]).isEqualTo(first[0]);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> all.leading(6))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrincipalAxes.of(new float[5], new float[7]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rows of 5");
    }

    @Test
    void rotatingManyRowsAtOnceGivesTheSameFloatsAsOneByOne() {
        // 192-value patches onto 7 axes (a four-way pass and three single ones), 300 rows (three
        // tiles, the last one partial): bit for bit what rotate gives, which audits rely on
        SplittableRandom r = new SplittableRandom(11);
        float[] x = new float[300 * 192];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        PrincipalAxes axes = PrincipalAxes.of(x, 192).leading(7);
        float[] many = axes.rotateRows(x, 300);
        float[] one = new float[7];
        float[] scratch = new float[192];
        for (int i = 0; i < 300; i++) {
            axes.rotate(x, i * 192, one, 0, scratch);
            for (int j = 0; j < 7; j++) {
                assertThat(Float.floatToRawIntBits(many[i * 7 + j]))
                        .as("row %d axis %d", i, j)
                        .isEqualTo(Float.floatToRawIntBits(one[j]));
            }
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> axes.rotateRows(new float[191], 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 192 values");
    }

    private static double squared(float[] v, int a, int b) {
        double s = 0;
        for (int d = 0; d < 5; d++) {
            double t = v[a * 5 + d] - v[b * 5 + d];
            s += t * t;
        }
        return s;
    }
}
