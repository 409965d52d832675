package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RollingMeanTest {

    @Test
    void averagesTheLastValuesOnly() {
        RollingMean mean = new RollingMean(2);
        assertThat(mean.value()).isZero();
        mean.add(1);
        assertThat(mean.value()).isCloseTo(1, within(1e-12));
        mean.add(3);
        mean.add(7);
        assertThat(mean.value()).isCloseTo(5, within(1e-12));
    }

    @Test
    void needsASlot() {
        assertThatThrownBy(() -> new RollingMean(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
