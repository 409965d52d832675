package io.ultraline.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** Time moves only when the pacer parks, or when the test makes a send slow. */
    static final class FakeClock implements Pacer.Clock {
        long now = 1_000_000_000L;
        final List<Long> parks = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            parks.add(deadlineNanos);
            now = Math.max(now, deadlineNanos);
        }
    }

    @Test
    void handsOutFramesAtTheRateAndStopsAtTheEnd() {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(4, 2_000_000_000L, clock);
        pacer.start();
        List<Long> dues = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (long due = pacer.awaitNext(); due >= 0; due = pacer.awaitNext()) {
            dues.add(due);
            times.add(clock.now - 1_000_000_000L);
        }
        assertThat(dues)
                .containsExactly(
                        0L,
                        250_000_000L,
                        500_000_000L,
                        750_000_000L,
                        1_000_000_000L,
                        1_250_000_000L,
                        1_500_000_000L,
                        1_750_000_000L);
        assertThat(times).isEqualTo(dues);
        assertThat(pacer.maxLateNanos()).isZero();
    }

    @Test
    void doesNotSlowDownWhenTheCallerFallsBehind() {
        FakeClock clock = new FakeClock();
        Pacer pacer = new Pacer(10, 1_000_000_000L, clock);
        pacer.start();
        assertThat(pacer.awaitNext()).isZero();
        clock.now += 450_000_000L; // one send took 450 ms
        int parksBefore = clock.parks.size();
        // frames 1..4 were due at 100..400 ms: handed out at once, with their scheduled times
        assertThat(pacer.awaitNext()).isEqualTo(100_000_000L);
        assertThat(pacer.awaitNext()).isEqualTo(200_000_000L);
        assertThat(pacer.awaitNext()).isEqualTo(300_000_000L);
        assertThat(pacer.awaitNext()).isEqualTo(400_000_000L);
        assertThat(clock.parks).hasSize(parksBefore);
        assertThat(pacer.maxLateNanos()).isEqualTo(350_000_000L);
        // then back on the original schedule, not shifted by the delay
        assertThat(pacer.awaitNext()).isEqualTo(500_000_000L);
        assertThat(clock.now - 1_000_000_000L).isEqualTo(500_000_000L);
        int rest = 0;
        while (pacer.awaitNext() >= 0) {
            rest++;
        }
        assertThat(rest).isEqualTo(4);
        assertThat(clock.now - 1_000_000_000L).isEqualTo(900_000_000L);
    }

    @Test
    void countsFramesOfFractionalRates() {
        assertThat(new Pacer(2.5, 2_000_000_000L, new FakeClock()).total()).isEqualTo(5);
        assertThat(new Pacer(3, 1_000_000_000L, new FakeClock()).total()).isEqualTo(3);
        assertThat(new Pacer(3, 1_100_000_000L, new FakeClock()).total()).isEqualTo(4);
        assertThatThrownBy(() -> new Pacer(0, 1, new FakeClock())).isInstanceOf(IllegalArgumentException.class);
    }
}
