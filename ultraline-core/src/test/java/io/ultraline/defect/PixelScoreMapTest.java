package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ultraline.ultra.MaskUpsampling;
import org.junit.jupiter.api.Test;

class PixelScoreMapTest {

    @Test
    void nearestFollowsTheMaskUpsamplingForAnyFrameSize() {
        int gridH = 3;
        int gridW = 4;
        float[] scores = new float[gridH * gridW];
        int[] cells = new int[gridH * gridW];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = i * 1.5f;
            cells[i] = i;
        }

        float[] pixels = PixelScoreMap.nearest(scores, gridH, gridW, 11, 7);

        int[] cellOfPixel = MaskUpsampling.upsample(cells, gridH, gridW, 11, 7);
        assertThat(pixels).hasSize(77);
        for (int p = 0; p < pixels.length; p++) {
            assertThat(pixels[p]).as("pixel %d", p).isEqualTo(scores[cellOfPixel[p]]);
        }
    }

    @Test
    void bilinearInterpolatesBetweenCellCentresAndClampsAtTheEdges() {
        float[] scores = {0f, 4f, 8f, 12f}; // 2 x 2

        float[] pixels = PixelScoreMap.bilinear(scores, 2, 2, 4, 1);

        // one pixel row: y centre sits between the rows (0.5 of each); x at -0.25, 0.25, 0.75, 1.25
        assertThat(pixels[0]).isCloseTo(4f, within(1e-6f));
        assertThat(pixels[1]).isCloseTo(5f, within(1e-6f));
        assertThat(pixels[2]).isCloseTo(7f, within(1e-6f));
        assertThat(pixels[3]).isCloseTo(8f, within(1e-6f));
    }

    @Test
    void bilinearOfAConstantGridIsConstantAndMatchesCentresAtIntegerScale() {
        float[] constant = {2.5f, 2.5f, 2.5f, 2.5f, 2.5f, 2.5f};
        assertThat(PixelScoreMap.bilinear(constant, 2, 3, 13, 5)).containsOnly(2.5f);

        float[] scores = {1f, 2f, 3f, 4f};
        float[] pixels = PixelScoreMap.bilinear(scores, 1, 4, 4, 1);
        assertThat(pixels).containsExactly(1f, 2f, 3f, 4f);
    }
}
