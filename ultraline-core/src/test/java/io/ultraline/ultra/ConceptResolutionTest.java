package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConceptResolutionTest {

    /** An 8 x 8 frame under a 2 x 2 grid whose colour changes at pixel column 6, inside token column 1. */
    private static float[] frame() {
        float[] rgb = new float[8 * 8 * 3];
        for (int p = 0; p < 64; p++) {
            float v = p % 8 < 6 ? 0.2f : 0.8f;
            rgb[3 * p] = v;
            rgb[3 * p + 1] = v;
            rgb[3 * p + 2] = v;
        }
        return rgb;
    }

    @Test
    void tokenGridUpsamplesAndPixelRefinesFromTheSameLabels() {
        int[] cells = {0, 1, 0, 1};

        int[] upsampled = MaskUpsampling.upsample(cells, 2, 2, 8, 8);
        int[] pixel = ConceptResolution.PIXEL.pixelLabels(cells, 2, 2, frame(), 8, 8);

        assertThat(ConceptResolution.TOKEN_GRID.pixelLabels(cells, 2, 2, frame(), 8, 8))
                .isEqualTo(upsampled);
        assertThat(pixel)
                .isEqualTo(PixelRefinement.defaults().pixelLabels(cells, 2, 2, frame(), 8, 8))
                .isNotEqualTo(upsampled);
    }

    @Test
    void theCommandLineNamesParse() {
        assertThat(ConceptResolution.parse("pixel")).isEqualTo(ConceptResolution.PIXEL);
        assertThat(ConceptResolution.parse("TOKEN")).isEqualTo(ConceptResolution.TOKEN_GRID);
        assertThatThrownBy(() -> ConceptResolution.parse("subpixel"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pixel or token, got 'subpixel'");
    }
}
