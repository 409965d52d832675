package io.ultraline.defect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegionSplitTest {

    private static final int W = 40;

    private static void square(boolean[] mask, int x0, int y0, int side) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                mask[y * W + x] = true;
            }
        }
    }

    @Test
    void partsApartBecomeRegionsAndFragmentsGo() {
        boolean[] mask = new boolean[W * W];
        square(mask, 2, 2, 8); // 64 pixels, the largest
        square(mask, 20, 2, 7); // 49 pixels, 10 columns away: a part of its own
        square(mask, 2, 20, 4); // 16 pixels: exactly a quarter of the largest, kept
        square(mask, 20, 20, 3); // 9 pixels: under the fixed minimum
        square(mask, 30, 30, 5); // 25 pixels
        square(mask, 38, 30, 1); // 4 columns from the part before it: joins it (26 pixels)

        assertThat(RegionSplit.parts(mask, W, W))
                .extracting(PixelMorphology::count)
                .containsExactlyInAnyOrder(64, 49, 16, 26);
        assertThat(RegionSplit.parts(mask, W, W, 0.5))
                .extracting(PixelMorphology::count)
                .containsExactlyInAnyOrder(64, 49);
        assertThat(RegionSplit.parts(mask, W, W, 0))
                .extracting(PixelMorphology::count)
                .containsExactlyInAnyOrder(64, 49, 16, 26);
    }

    @Test
    void theLargestPartStaysHoweverSmallAndOnlyOnce() {
        boolean[] mask = new boolean[W * W];
        square(mask, 4, 4, 2);
        square(mask, 20, 20, 2);

        List<boolean[]> parts = RegionSplit.parts(mask, W, W);

        assertThat(parts).hasSize(1);
        assertThat(parts.get(0)[4 * W + 4]).isTrue();
    }

    @Test
    void componentsRefuseAMaskOfTheWrongSize() {
        assertThatThrownBy(() -> PixelComponents.of(new boolean[10], 4, 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 x 4");
    }
}
