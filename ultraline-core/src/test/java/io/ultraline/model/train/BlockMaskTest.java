package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlockMaskTest {

    @Test
    void masksExactlyTheRatioOfEveryMaskedImage() {
        BlockMask m = new BlockMask(8, 8, 0.4, 1.0, 3);
        assertThat(m.patchesPerMaskedImage()).isEqualTo(26);
        float[] masks = m.next(50);
        for (int b = 0; b < 50; b++) {
            assertThat(count(masks, b * 64, 64)).as("image " + b).isEqualTo(26);
        }
        for (float v : masks) {
            assertThat(v).isIn(0f, 1f);
        }
    }

    @Test
    void masksOnlyTheGivenShareOfImages() {
        float[] masks = new BlockMask(8, 8, 0.4, 0.5, 4).next(2000);
        int masked = 0;
        for (int b = 0; b < 2000; b++) {
            int n = count(masks, b * 64, 64);
            assertThat(n).isIn(0, 26);
            masked += n > 0 ? 1 : 0;
        }
        assertThat(masked / 2000.0).isBetween(0.46, 0.54);
    }

    /**
     * Scattered patches at 40 % have about 1.6 masked 4-neighbours each (fewer at the border);
     * blocks have many more, which is the point of masking blocks.
     */
    @Test
    void masksBlocksRatherThanScatteredPatches() {
        float[] masks = new BlockMask(8, 8, 0.4, 1.0, 5).next(200);
        double neighbours = 0;
        int patches = 0;
        for (int b = 0; b < 200; b++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    if (at(masks, b, y, x) == 1) {
                        patches++;
                        neighbours += at(masks, b, y - 1, x)
                                + at(masks, b, y + 1, x)
                                + at(masks, b, y, x - 1)
                                + at(masks, b, y, x + 1);
                    }
                }
            }
        }
        assertThat(neighbours / patches).isGreaterThan(2.4);
    }

    @Test
    void sameSeedSameMasks() {
        assertThat(new BlockMask(8, 8, 0.4, 0.5, 9).next(20))
                .containsExactly(new BlockMask(8, 8, 0.4, 0.5, 9).next(20));
        assertThat(new BlockMask(8, 8, 0.4, 0.5, 9).next(20)).isNotEqualTo(new BlockMask(8, 8, 0.4, 0.5, 10).next(20));
    }

    @Test
    void rejectsRatiosAndSharesOutsideTheirRange() {
        assertThatThrownBy(() -> new BlockMask(8, 8, 1.0, 0.5, 1)).hasMessageContaining("mask ratio");
        assertThatThrownBy(() -> new BlockMask(8, 8, 0.4, 0, 1)).hasMessageContaining("share of masked images");
        assertThatThrownBy(() -> new BlockMask(0, 8, 0.4, 0.5, 1)).hasMessageContaining("patch grid");
    }

    private static int count(float[] m, int from, int n) {
        int c = 0;
        for (int i = from; i < from + n; i++) {
            c += m[i] == 1 ? 1 : 0;
        }
        return c;
    }

    private static float at(float[] m, int b, int y, int x) {
        return y < 0 || y >= 8 || x < 0 || x >= 8 ? 0 : m[b * 64 + y * 8 + x];
    }
}
