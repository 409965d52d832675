package io.ultraline.ultra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskUpsamplingTest {

    private static final int[] GRID_2X3 = {0, 1, 2, 3, 4, 5};

    @Test
    void upsamplesToAFrameThatIsNotAMultipleOfTheGrid() {
        // columns: floor(x * 3 / 7) = 0 0 0 1 1 2 2; rows: floor(y * 2 / 5) = 0 0 0 1 1
        int[] pixels = MaskUpsampling.upsample(GRID_2X3, 2, 3, 7, 5);

        assertThat(pixels).hasSize(35);
        int[] top = {0, 0, 0, 1, 1, 2, 2};
        int[] bottom = {3, 3, 3, 4, 4, 5, 5};
        for (int y = 0; y < 5; y++) {
            int[] row = java.util.Arrays.copyOfRange(pixels, y * 7, y * 7 + 7);
            assertThat(row).as("pixel row %d", y).containsExactly(y < 3 ? top : bottom);
        }
    }

    @Test
    void boxAndAreaOfCellsOnANonMultipleFrame() {
        boolean[] middleBottom = MaskUpsampling.cellMask(GRID_2X3, 4);
        boolean[] corners = {true, false, false, false, false, true};

        assertThat(middleBottom).containsExactly(false, false, false, false, true, false);
        assertThat(MaskUpsampling.boundingBox(middleBottom, 2, 3, 7, 5)).contains(new PixelBox(3, 3, 2, 2));
        assertThat(MaskUpsampling.pixelArea(middleBottom, 2, 3, 7, 5)).isEqualTo(4);
        assertThat(MaskUpsampling.boundingBox(corners, 2, 3, 7, 5)).contains(new PixelBox(0, 0, 7, 5));
        assertThat(MaskUpsampling.pixelArea(corners, 2, 3, 7, 5)).isEqualTo(9 + 4);
        assertThat(MaskUpsampling.boundingBox(new boolean[6], 2, 3, 7, 5)).isEmpty();
    }

    @Test
    void aFrameSmallerThanTheGridSkipsSomeCells() {
        boolean[] skipped = new boolean[16];
        skipped[5] = true; // cell (1, 1): pixels map to cells 0 and 2 only
        boolean[] kept = new boolean[16];
        kept[10] = true; // cell (2, 2)

        assertThat(MaskUpsampling.boundingBox(skipped, 4, 4, 2, 2)).isEmpty();
        assertThat(MaskUpsampling.pixelArea(skipped, 4, 4, 2, 2)).isZero();
        assertThat(MaskUpsampling.boundingBox(kept, 4, 4, 2, 2)).contains(new PixelBox(1, 1, 1, 1));
    }

    @Test
    void boxAndAreaAgreeWithThePixelMaskOnRandomSizes() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int gridH = 1 + random.nextInt(8);
            int gridW = 1 + random.nextInt(8);
            int width = 1 + random.nextInt(40);
            int height = 1 + random.nextInt(40);
            boolean[] cells = new boolean[gridH * gridW];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = random.nextInt(4) == 0;
            }
            boolean[] pixels = MaskUpsampling.pixelMask(cells, gridH, gridW, width, height);

            String what = gridH + "x" + gridW + " to " + width + "x" + height;
            assertThat(MaskUpsampling.pixelArea(cells, gridH, gridW, width, height))
                    .as(what)
                    .isEqualTo(count(pixels));
            assertThat(MaskUpsampling.boundingBox(cells, gridH, gridW, width, height))
                    .as(what)
                    .isEqualTo(bruteForceBox(pixels, width, height));
            for (int p = 0; p < pixels.length; p++) {
                int x = p % width;
                int y = p / width;
                int cell = (y * gridH / height) * gridW + x * gridW / width;
                assertThat(pixels[p]).as("%s pixel (%d, %d)", what, x, y).isEqualTo(cells[cell]);
            }
        }
    }

    @Test
    void rejectsMismatchedGridsAndEmptyFrames() {
        assertThatThrownBy(() -> MaskUpsampling.upsample(new int[5], 2, 3, 4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a 2 x 3 grid has 6 cells, got 5");
        assertThatThrownBy(() -> MaskUpsampling.upsample(new int[6], 2, 3, 0, 4))
                .hasMessageContaining("at least 1 x 1 pixels");
        assertThatThrownBy(() -> MaskUpsampling.pixelArea(new boolean[1], 0, 1, 4, 4))
                .hasMessageContaining("grid must be at least 1 x 1");
    }

    private static long count(boolean[] pixels) {
        long n = 0;
        for (boolean p : pixels) {
            n += p ? 1 : 0;
        }
        return n;
    }

    private static Optional<PixelBox> bruteForceBox(boolean[] pixels, int width, int height) {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int p = 0; p < pixels.length; p++) {
            if (pixels[p]) {
                minX = Math.min(minX, p % width);
                maxX = Math.max(maxX, p % width);
                minY = Math.min(minY, p / width);
                maxY = Math.max(maxY, p / width);
            }
        }
        return maxX < 0 ? Optional.empty() : Optional.of(new PixelBox(minX, minY, maxX - minX + 1, maxY - minY + 1));
    }
}
