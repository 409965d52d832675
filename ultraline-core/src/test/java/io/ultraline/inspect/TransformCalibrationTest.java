package io.ultraline.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The augmentations W learns from: a mirrored view's tokens must be matched to the right patches. */
class TransformCalibrationTest {

    @Test
    void aMirrorMatchesEachTokenToItsColumnFromTheOtherSide() {
        assertThat(TransformCalibration.flippedColumns(3)).containsExactly(2, 1, 0, 5, 4, 3, 8, 7, 6);
    }

    @Test
    void theFlipMirrorsPixelsAndTheJitterKeepsThemInRange() {
        int size = 4;
        float[] rgb = new float[size * size * 3];
        rgb[0] = 1; // red at (0, 0)
        float[] out = TransformCalibration.augment(rgb, size, true, new SplittableRandom(1));
        assertThat(out[3 * (size - 1)]).as("red moved to (3, 0)").isGreaterThan(0.5f);
        assertThat(out[0]).isLessThan(0.2f);
        for (float v : out) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
