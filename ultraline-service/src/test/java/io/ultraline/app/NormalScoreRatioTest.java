package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NormalScoreRatioTest {

    @Test
    void averagesScoreOverThresholdOfTheLastFramesOnly() {
        NormalScoreRatio ratio = new NormalScoreRatio(3);
        assertThat(ratio.value()).isZero();
        ratio.add(1f, 10f);
        ratio.add(2f, 10f);
        assertThat(ratio.value()).isCloseTo(0.15, within(1e-6));
        ratio.add(3f, 10f);
        ratio.add(9f, 10f); // pushes out the first frame
        assertThat(ratio.value()).isCloseTo((0.2 + 0.3 + 0.9) / 3, within(1e-6));
    }

    @Test
    void framesWithoutAThresholdAreSkipped() {
        NormalScoreRatio ratio = new NormalScoreRatio(3);
        ratio.add(5f, null);
        ratio.add(5f, 0f);
        ratio.add(Float.NaN, 1f);
        assertThat(ratio.value()).isZero();
        ratio.add(5f, 10f);
        assertThat(ratio.value()).isCloseTo(0.5, within(1e-6));
    }
}
