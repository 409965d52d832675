package io.ultraline.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResizeTest {

    @Test
    void sameSizeIsUnchanged() {
        RgbImage img = new RgbImage(2, 1, new float[] {0, 0.5f, 1, 1, 0.5f, 0});
        assertThat(Resize.to(img, 2, 1)).isSameAs(img);
    }

    @Test
    void downscalingAveragesTheSourceArea() {
        // 4x2 image, each 2x2 block a constant; halving gives the block means
        float[] px = new float[4 * 2 * 3];
        float[] values = {0.1f, 0.1f, 0.9f, 0.9f, 0.3f, 0.3f, 0.5f, 0.5f};
        for (int i = 0; i < values.length; i++) {
            px[3 * i] = values[i];
        }
        RgbImage out = Resize.to(new RgbImage(4, 2, px), 2, 1);
        assertThat(out.pixels()[0]).isCloseTo(0.2f, within(1e-6f));
        assertThat(out.pixels()[3]).isCloseTo(0.7f, within(1e-6f));
    }

    @Test
    void nonIntegerDownscaleKeepsTheMeanOfAConstantImage() {
        float[] px = new float[7 * 5 * 3];
        java.util.Arrays.fill(px, 0.25f);
        RgbImage out = Resize.to(new RgbImage(7, 5, px), 3, 2);
        for (float v : out.pixels()) {
            assertThat(v).isCloseTo(0.25f, within(1e-6f));
        }
    }

    @Test
    void upscalingInterpolatesBetweenNeighbours() {
        float[] px = {0, 0, 0, 1, 1, 1};
        RgbImage out = Resize.to(new RgbImage(2, 1, px), 4, 1);
        // half-pixel centres: source positions -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
        assertThat(out.pixels()[0]).isEqualTo(0f);
        assertThat(out.pixels()[3]).isCloseTo(0.25f, within(1e-6f));
        assertThat(out.pixels()[6]).isCloseTo(0.75f, within(1e-6f));
        assertThat(out.pixels()[9]).isEqualTo(1f);
    }
}
