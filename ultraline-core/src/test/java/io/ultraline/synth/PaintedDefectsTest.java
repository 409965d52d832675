package io.ultraline.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PaintedDefectsTest {

    /** A noisy grey-brown 64 px frame, as a camera's good frame might be. */
    private static float[] frame(long seed) {
        int size = 64;
        SplittableRandom r = new SplittableRandom(seed);
        float[] px = new float[size * size * 3];
        for (int i = 0; i < size * size; i++) {
            float base = 0.45f + 0.1f * (float) r.nextDouble();
            px[3 * i] = base + 0.05f;
            px[3 * i + 1] = base;
            px[3 * i + 2] = base - 0.05f;
        }
        return px;
    }

    @ParameterizedTest
    @EnumSource(DefectType.class)
    void everyKindChangesItsMaskAndNothingElseBeyondTheMaskRule(DefectType type) {
        float[] good = frame(3);
        float[] before = good.clone();
        PaintedDefects.Painted p =
                PaintedDefects.paint(64, good, type, new SplittableRandom(11), type.ordinal() % 2 == 0);
        assertThat(good).as("the good frame is left alone").isEqualTo(before);
        assertThat(p.type()).isEqualTo(type);
        int inMask = 0;
        for (int i = 0; i < p.mask().length; i++) {
            float change = 0;
            for (int c = 0; c < 3; c++) {
                change = Math.max(change, Math.abs(p.rgb()[3 * i + c] - before[3 * i + c]));
            }
            if (p.mask()[i]) {
                inMask++;
                assertThat(change)
                        .as("pixel %d is in the mask", i)
                        .isGreaterThanOrEqualTo((float) DefectPainter.MASK_THRESHOLD - 1e-6f);
            } else {
                assertThat(change).as("pixel %d is outside the mask", i).isLessThan((float)
                        DefectPainter.MASK_THRESHOLD);
            }
        }
        assertThat(inMask).as("a visible defect").isGreaterThanOrEqualTo(6);
    }

    @Test
    void theSameStreamPaintsTheSameDefect() {
        float[] good = frame(4);
        PaintedDefects.Painted a = PaintedDefects.paint(64, good, DefectType.STAIN, new SplittableRandom(7), false);
        PaintedDefects.Painted b = PaintedDefects.paint(64, good, DefectType.STAIN, new SplittableRandom(7), false);
        PaintedDefects.Painted c = PaintedDefects.paint(64, good, DefectType.STAIN, new SplittableRandom(8), false);
        assertThat(a.rgb()).isEqualTo(b.rgb());
        assertThat(a.mask()).isEqualTo(b.mask());
        assertThat(c.mask()).isNotEqualTo(a.mask());
    }

    @Test
    void refusesPixelsThatAreNotTheSquareFrame() {
        assertThatThrownBy(
                        () -> PaintedDefects.paint(4, new float[24], DefectType.HOLE, new SplittableRandom(1), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size * size * 3");
    }
}
