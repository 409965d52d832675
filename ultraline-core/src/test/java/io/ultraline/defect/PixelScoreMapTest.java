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

    @Test
    void bilinearGivesTheSameFloatsAsThePerPixelFormula() {
        java.util.Random r = new java.util.Random(21);
        int[][] sizes = {{8, 8, 128, 128}, {16, 16, 128, 128}, {3, 5, 13, 7}, {1, 1, 4, 4}, {7, 2, 9, 30}};
        for (int[] s : sizes) {
            float[] scores = new float[s[0] * s[1]];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) r.nextGaussian();
            }

            assertThat(PixelScoreMap.bilinear(scores, s[0], s[1], s[2], s[3]))
                    .as("%d x %d grid onto %d x %d", s[0], s[1], s[2], s[3])
                    .containsExactly(perPixel(scores, s[0], s[1], s[2], s[3]));
        }
    }

    /** The formula written out for each pixel on its own, as the map was first computed. */
    private static float[] perPixel(float[] scores, int gridH, int gridW, int width, int height) {
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            double sy = Math.max(0.0, Math.min(gridH - 1, (y + 0.5) * gridH / height - 0.5));
            int r0 = (int) Math.floor(sy);
            int r1 = Math.min(r0 + 1, gridH - 1);
            double fy = sy - r0;
            for (int x = 0; x < width; x++) {
                double sx = Math.max(0.0, Math.min(gridW - 1, (x + 0.5) * gridW / width - 0.5));
                int c0 = (int) Math.floor(sx);
                int c1 = Math.min(c0 + 1, gridW - 1);
                double fx = sx - c0;
                double top = scores[r0 * gridW + c0] * (1 - fx) + scores[r0 * gridW + c1] * fx;
                double bottom = scores[r1 * gridW + c0] * (1 - fx) + scores[r1 * gridW + c1] * fx;
                out[y * width + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
