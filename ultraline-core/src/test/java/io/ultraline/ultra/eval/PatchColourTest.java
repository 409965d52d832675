package io.ultraline.ultra.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PatchColourTest {

    @Test
    void meanAndSpreadPerCellByHand() {
        // 2x1 image, 1x2 grid: left pixel alone in cell 0, right pixel alone in cell 1.
        float[] rgb = {0.2f, 0.4f, 0.6f, 1, 0, 0};
        float[][] f = PatchColour.features(rgb, 2, 1, 1, 2);
        assertThat(f[0]).containsExactly(new float[] {0.2f, 0.4f, 0.6f, 0, 0, 0}, within(1e-6f));
        assertThat(f[1][0]).isEqualTo(1f);
    }

    @Test
    void spreadOfACheckerCell() {
        // 2x2 image, one cell: red channel 0,1,1,0 -> mean 0.5, standard deviation 0.5.
        float[] rgb = {0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0};
        float[][] f = PatchColour.features(rgb, 2, 2, 1, 1);
        assertThat(f[0][0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(f[0][3]).isCloseTo(0.5f, within(1e-6f));
        assertThat(f[0][4]).isEqualTo(0f);
    }
}
