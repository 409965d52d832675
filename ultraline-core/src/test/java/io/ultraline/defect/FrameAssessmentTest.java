package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;

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
}
