package io.ultraline.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MaskSplitTest {

    private static final int W = 40;

    private static void square(boolean[] mask, int x0, int y0, int side) {
        for (int y = y0; y < y0 + side; y++) {
            for (int x = x0; x < x0 + side; x++) {
                mask[y * W + x] = true;
            }
        }
    }

    @Test
    void farApartPartsBecomeRegionsAndSmallFragmentsGo() {
        boolean[] mask = new boolean[W * W];
        square(mask, 2, 2, 5); // 25 pixels
        square(mask, 12, 2, 4); // 16 pixels, 5 columns apart from the first: its own part
        square(mask, 30, 30, 3); // 9 pixels: a fragment
        square(mask, 20, 2, 4); // 16 pixels
        square(mask, 27, 2, 4); // 16 pixels, 4 columns on from the one before: they join

        List<boolean[]> parts = MaskSplit.components(List.of(mask), W, W);

        assertThat(parts).extracting(MaskSplitTest::count).containsExactlyInAnyOrder(25, 16, 32);
    }

    @Test
    void aLoneSmallMaskStaysAsTheLargestPart() {
        boolean[] mask = new boolean[W * W];
        square(mask, 4, 4, 2);

        assertThat(MaskSplit.components(List.of(mask), W, W)).hasSize(1);
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
