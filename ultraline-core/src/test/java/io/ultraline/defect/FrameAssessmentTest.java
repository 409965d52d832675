package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.ultra.PixelBox;
import io.ultraline.ultra.RunLengthMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameAssessmentTest {

    @Test
    void thePixelMapIsTheFineGridBilinearToTheFrame() {
        // 1 x 2 tokens, 2 x 2 fine cells each: a 2 x 4 fine grid, not the token grid
        float[] fine = {0, 1, 2, 3, 4, 5, 6, 7};
        FrameAssessment a = new FrameAssessment(1, 2, 7f, 5f, new float[] {1, 5}, List.of(), 2, fine);
        assertThat(a.pixelMap(8, 4)).containsExactly(PixelScoreMap.bilinear(fine, 2, 4, 8, 4));
    }

    @Test
    void withoutFineCellsThePixelMapIsTheTokenMapBilinear() {
        float[] tokens = {0, 2, 4, 6};
        FrameAssessment a = new FrameAssessment(2, 2, 6f, 5f, tokens, List.of());
        assertThat(a.pixelMap(16, 16)).containsExactly(PixelScoreMap.bilinear(tokens, 2, 2, 16, 16));
    }

    @Test
    void regionMasksArePixelMasksAtTheirOwnSizeElseUpsampledTokens() {
        // 1 x 2 tokens; the region holds the right token and, at 4 x 2 pixels, one pixel of it
        boolean[] cells = {false, true};
        boolean[] pixels = new boolean[8];
        pixels[3] = true;
        DefectRegionResult region = new DefectRegionResult(
                0,
                RunLengthMask.encode(cells, 1, 2),
                new PixelBox(3, 0, 1, 1),
                1,
                1,
                7f,
                QuantisedHeatmap.quantise(new float[] {0, 1}, 1, 2),
                RunLengthMask.encode(pixels, 2, 4));
        FrameAssessment a = new FrameAssessment(1, 2, 7f, 5f, new float[] {1, 7}, List.of(region));
        assertThat(a.regionMasks(4, 2)).singleElement().isEqualTo(pixels);
        // another size: the token, nearest-neighbour over the right half of an 8 x 2 frame
        assertThat(a.regionMasks(8, 2)).singleElement().isEqualTo(new boolean[] {
            false, false, false, false, true, true, true, true, false, false, false, false, true, true, true, true
        });
        assertThat(new FrameAssessment(1, 2, 1f, 5f, new float[] {1, 1}, List.of()).regionMasks(4, 2))
                .isEmpty();
    }
}
