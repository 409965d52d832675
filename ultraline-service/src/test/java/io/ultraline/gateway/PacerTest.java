package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();

    private Pacer pacer(double rate) {
        return new Pacer(rate, () -> now, n -> {
            sleeps.add(n);
            now += n;
        });
    }

    @Test
    void framesGoOutOnAFixedSchedule() throws InterruptedException {
        Pacer p = pacer(10);
        p.await();
        now += 30_000_000; // 30 ms of work between frames
        p.await();
        p.await();

        assertThat(sleeps).containsExactly(70_000_000L, 100_000_000L);
    }

    @Test
    void aLateFrameDoesNotShiftTheScheduleUnlessItIsAPeriodLate() throws InterruptedException {
        Pacer p = pacer(10);
        p.await();
        now += 150_000_000; // slot 2 was at +100 ms: 50 ms late, within one period
        p.await();
        p.await(); // slot 3 at +200 ms: 50 ms from now
        now += 500_000_000; // a broker stall: start over rather than burst
        p.await();
        p.await();

        assertThat(sleeps).containsExactly(50_000_000L, 100_000_000L);
    }

    @Test
    void rateZeroNeverWaits() throws InterruptedException {
        Pacer p = pacer(0);
        for (int i = 0; i < 5; i++) {
            p.await();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aNegativeOrNonNumericRateIsRefused() {
        assertThatThrownBy(() -> pacer(-1)).hasMessageContaining("frames per second >= 0");
        assertThatThrownBy(() -> pacer(Double.NaN)).hasMessageContaining("frames per second >= 0");
    }
}
