package io.ultraline.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void waitsDoubleFromTheInitialWaitUntilTheyReachTheCap() {
        Backoff backoff = new Backoff(ms(100), ms(1_000));
        assertThat(IntStream.rangeClosed(0, 6).mapToObj(backoff::afterFailures))
                .containsExactly(ms(0), ms(100), ms(200), ms(400), ms(800), ms(1_000), ms(1_000));
    }

    @Test
    void manyFailuresStayAtTheCapInsteadOfOverflowing() {
        Backoff backoff = new Backoff(ms(1), Duration.ofMinutes(1));
        assertThat(backoff.afterFailures(1_000)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.afterFailures(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(1));
        assertThat(new Backoff(Duration.ZERO, Duration.ZERO).afterFailures(5)).isZero();
    }

    @Test
    void negativeOrMissingDurationsAreRejectedByName() {
        assertThatThrownBy(() -> new Backoff(ms(-1), ms(1))).hasMessageContaining("initial backoff");
        assertThatThrownBy(() -> new Backoff(ms(1), ms(-1))).hasMessageContaining("max backoff");
        assertThatThrownBy(() -> new Backoff(null, ms(1))).hasMessageContaining("initial backoff");
    }
}
