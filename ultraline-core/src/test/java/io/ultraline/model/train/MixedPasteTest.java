package io.ultraline.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.frame.RgbImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixedPasteTest {

    private static final int SIZE = 128;

    @Test
    void marksExactlyThePixelsItVisiblyChanged() {
        SplittableRandom r = new SplittableRandom(1);
        float[] frame = noise(r, SIZE);
        RgbImage other = new RgbImage(160, 160, noise(r, 160));
        MixedPaste paste = new MixedPaste(SIZE);
        int marked = 0;
        for (int i = 0; i < 300; i++) {
            float[] img = frame.clone();
            boolean[] mask = new boolean[SIZE * SIZE];
            paste.paste(img, mask, other, r);
            for (int p = 0; p < mask.length; p++) {
                float change = 0;
                for (int ch = 0; ch < 3; ch++) {
                    change = Math.max(change, Math.abs(img[p * 3 + ch] - frame[p * 3 + ch]));
                }
                assertThat(mask[p]).as("pixel %d changed by %f", p, change).isEqualTo(change > MixedPaste.VISIBLE);
                marked += mask[p] ? 1 : 0;
            }
        }
        assertThat(marked).isGreaterThan(300 * 50);
    }

    @Test
    void aPasteThatChangesNothingIsNoPositive() {
        SplittableRandom r = new SplittableRandom(2);
        float[] grey = new float[SIZE * SIZE * 3];
        java.util.Arrays.fill(grey, 0.5f);
        RgbImage other = new RgbImage(SIZE, SIZE, grey.clone());
        MixedPaste paste = new MixedPaste(SIZE);
        int plain = 0;
        for (int i = 0; i < 200; i++) {
            boolean[] mask = new boolean[SIZE * SIZE];
            MixedPaste.Placed placed = paste.paste(grey.clone(), mask, other, r);
            if (placed.plain()) {
                plain++;
                assertThat(mask).as("plain paste %d", i).doesNotContain(true);
            }
        }
        assertThat(plain).isGreaterThan(20);
    }

    @Test
    void sameFramePastesMoveTheFramesOwnContentElsewhere() {
        float[] frame = new float[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                frame[(y * SIZE + x) * 3] = x / (SIZE - 1f);
                frame[(y * SIZE + x) * 3 + 1] = y / (SIZE - 1f);
                frame[(y * SIZE + x) * 3 + 2] = 0.5f;
            }
        }
        RgbImage black = new RgbImage(SIZE, SIZE, new float[SIZE * SIZE * 3]);
        SplittableRandom r = new SplittableRandom(3);
        MixedPaste paste = new MixedPaste(SIZE);
        int checked = 0;
        for (int i = 0; i < 300; i++) {
            float[] img = frame.clone();
            boolean[] mask = new boolean[SIZE * SIZE];
            MixedPaste.Placed p = paste.paste(img, mask, black, r);
            if (!p.sameFrame() || !p.plain()) {
                continue;
            }
            assertThat(Math.max(Math.abs(p.fromX() - p.toX()), Math.abs(p.fromY() - p.toY())))
                    .isGreaterThanOrEqualTo(SIZE / 8);
            for (int q = 0; q < mask.length; q++) {
                if (mask[q]) {
                    int sx = q % SIZE - p.toX() + p.fromX();
                    int sy = q / SIZE - p.toY() + p.fromY();
                    for (int ch = 0; ch < 3; ch++) {
                        assertThat(img[q * 3 + ch]).isEqualTo(frame[(sy * SIZE + sx) * 3 + ch]);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void drawsEveryShapeFromBothSources() {
        SplittableRandom r = new SplittableRandom(4);
        RgbImage other = new RgbImage(160, 160, noise(r, 160));
        MixedPaste paste = new MixedPaste(SIZE);
        Map<PasteFootprint.Shape, int[]> counts = new EnumMap<>(PasteFootprint.Shape.class);
        for (int i = 0; i < 600; i++) {
            MixedPaste.Placed p = paste.paste(noise(r, SIZE), new boolean[SIZE * SIZE], other, r);
            counts.computeIfAbsent(p.shape(), s -> new int[2])[p.sameFrame() ? 1 : 0]++;
        }
        assertThat(counts).hasSize(3);
        counts.forEach((shape, n) -> {
            assertThat(n[0]).as("%s from another frame", shape).isGreaterThan(50);
            assertThat(n[1]).as("%s from the same frame", shape).isGreaterThan(50);
        });
    }

    @Test
    void refusesFramesTooSmallForItsScars() {
        assertThatThrownBy(() -> new MixedPaste(64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 80 px");
    }

    private static float[] noise(SplittableRandom r, int side) {
        float[] px = new float[side * side * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextDouble();
        }
        return px;
    }
}
