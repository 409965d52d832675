package io.ultraline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOverUnsortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 100 .. 1
        }
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(samples[0]).as("the caller's array is left alone").isEqualTo(100);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Percentiles p = new Percentiles(new long[] {7});
        assertThat(p.at(1)).isEqualTo(7);
        assertThat(p.at(99)).isEqualTo(7);
    }

    @Test
    void rejectsNoSamplesAndBadPercentiles() {
        assertThatThrownBy(() -> new Percentiles(new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGrowingBacklogShowsInTheLastQuarter() {
        long[] level = new long[40];
        long[] growing = new long[40];
        for (int i = 0; i < 40; i++) {
            level[i] = 100 + i % 3;
            growing[i] = 100 + 25L * i;
        }
        assertThat(Percentiles.medianOfFirstAndLastQuarter(level)).containsExactly(101, 101);
        // quarters of 10: medians (nearest rank) of 100..325 and 850..1075
        assertThat(Percentiles.medianOfFirstAndLastQuarter(growing)).containsExactly(200, 950);
        assertThat(Percentiles.medianOfFirstAndLastQuarter(new long[] {5, 9})).containsExactly(5, 9);
        assertThatThrownBy(() -> Percentiles.medianOfFirstAndLastQuarter(new long[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
