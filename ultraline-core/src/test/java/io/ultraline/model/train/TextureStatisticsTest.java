package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.TensorIo;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class TextureStatisticsTest {

    private static final int SIZE = 32;
    private static final int PATCH = 8;
    private static final int GRID = SIZE / PATCH;

    @Test
    void everyKernelHasZeroMeanAndAbsoluteSumOne() {
        float[][][][] k = TextureStatistics.kernels();
        int count = k[0][0][0].length;
        assertThat(count).isEqualTo(TextureStatistics.FEATURES - 4);
        for (int f = 0; f < count; f++) {
            double sum = 0;
            double abs = 0;
            for (float[][][] row : k) {
                for (float[][] cell : row) {
                    sum += cell[0][f];
                    abs += Math.abs(cell[0][f]);
                }
            }
            assertThat(sum).as("kernel " + f + " mean").isCloseTo(0, within(1e-5));
            assertThat(abs).as("kernel " + f + " absolute sum").isCloseTo(1, within(1e-5));
        }
    }

    /** A dark vertical line one pixel wide on grey: the line detector along y answers most, in its patch only. */
    @Test
    void aVerticalLineLightsTheVerticalDetectorOfItsPatch() {
        float[] image = grey(0.5f);
        int column = PATCH + PATCH / 2;
        for (int y = 0; y < SIZE; y++) {
            paint(image, column, y, 0.1f, 0.1f, 0.1f);
        }
        float[] stats = statistics(image);
        float[] onLine = patch(stats, 1, 1);
        int strongest = 0;
        for (int o = 1; o < TextureStatistics.ORIENTATIONS; o++) {
            if (onLine[o] > onLine[strongest]) {
                strongest = o;
            }
        }
        // orientation i lies at i * pi / 8 from the x axis: 4 is along y
        assertThat(strongest).isEqualTo(4);
        assertThat(onLine[4]).isGreaterThan(3 * onLine[0]);
        // two patches to the right, further than a kernel's reach: the surface is flat there
        float[] away = patch(stats, 1, 3);
        for (int f = 0; f < TextureStatistics.FEATURES - 4; f++) {
            assertThat(away[f]).as("feature " + f + " away from the line").isCloseTo(0f, within(1e-5f));
        }
    }

    /** Mean luminance, the two opponent colours and the spread, on a half red, half blue patch. */
    @Test
    void colourStatisticsAreLuminanceOpponentsAndSpread() {
        float[] image = grey(0.5f);
        for (int y = 0; y < PATCH; y++) {
            for (int x = 0; x < PATCH; x++) {
                if (x < PATCH / 2) {
                    paint(image, x, y, 1f, 0f, 0f);
                } else {
                    paint(image, x, y, 0f, 0f, 1f);
                }
            }
        }
        float[] p = patch(statistics(image), 0, 0);
        int lum = TextureStatistics.FEATURES - 4;
        assertThat(p[lum]).isCloseTo(1f / 3, within(1e-5f));
        // red minus green: (1 + 0) / 2; yellow minus blue: ((1 + 0) / 2 - 0 + (0 + 0) / 2 - 1) / 2
        assertThat(p[lum + 1]).isCloseTo(0.5f, within(1e-5f));
        assertThat(p[lum + 2]).isCloseTo(-0.25f, within(1e-5f));
        // both halves have luminance 1/3: no spread
        assertThat(p[lum + 3]).isCloseTo(0f, within(2e-3f));
        float[] grey = patch(statistics(image), 2, 2);
        assertThat(grey[lum]).isCloseTo(0.5f, within(1e-5f));
        assertThat(grey[lum + 1]).isCloseTo(0f, within(1e-5f));
    }

    private static float[] statistics(float[] image) {
        VitConfig c = TinyVits.config(SIZE, PATCH, 8, 1, 1, true, 1);
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
            Operand<TFloat32> out = TextureStatistics.raw(tf, in, c);
            try (Session s = new Session(g);
                    Tensor x = TensorIo.floats(image, 1, SIZE, SIZE, 3);
                    Result r = s.runner().feed(in, x).fetch(out).run()) {
                assertThat(TensorIo.shape(r.get(0))).containsExactly(1, GRID * GRID, TextureStatistics.FEATURES);
                return TensorIo.read(r.get(0));
            }
        }
    }

    private static float[] patch(float[] stats, int row, int col) {
        int f = TextureStatistics.FEATURES;
        float[] out = new float[f];
        System.arraycopy(stats, (row * GRID + col) * f, out, 0, f);
        return out;
    }

    private static float[] grey(float v) {
        float[] image = new float[SIZE * SIZE * 3];
        java.util.Arrays.fill(image, v);
        return image;
    }

    private static void paint(float[] image, int x, int y, float r, float g, float b) {
        int o = (y * SIZE + x) * 3;
        image[o] = r;
        image[o + 1] = g;
        image[o + 2] = b;
    }
}
