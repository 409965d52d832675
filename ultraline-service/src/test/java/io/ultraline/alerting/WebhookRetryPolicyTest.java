package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void backoffDoublesFromTheSecondAttemptAndStopsAtTheCap() {
        WebhookRetryPolicy policy = new WebhookRetryPolicy(8, ms(500), ms(5_000));
        assertThat(IntStream.rangeClosed(1, 8).mapToObj(policy::backoffBefore))
                .containsExactly(
                        Duration.ZERO, ms(500), ms(1_000), ms(2_000), ms(4_000), ms(5_000), ms(5_000), ms(5_000));
        assertThat(policy.totalBackoff()).isEqualTo(ms(500 + 1_000 + 2_000 + 4_000 + 5_000 * 3));
    }

    @Test
    void hugeAttemptNumbersDoNotOverflow() {
        WebhookRetryPolicy policy = new WebhookRetryPolicy(1_000, ms(1), Duration.ofMinutes(1));
        assertThat(policy.backoffBefore(1_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void oneAttemptMeansNoWaiting() {
        assertThat(new WebhookRetryPolicy(1, ms(500), ms(500)).totalBackoff()).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new WebhookRetryPolicy(0, ms(1), ms(1))).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, ms(-1), ms(1))).hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, ms(10), ms(1))).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new WebhookRetryPolicy(3, ms(1), ms(1)).backoffBefore(0))
                .hasMessageContaining("from 1");
    }

    @Test
    void retriesServerErrorsTimeoutsAndThrottlingOnly() {
        assertThat(IntStream.of(500, 502, 503, 504, 599, 408, 429)).allMatch(WebhookRetryPolicy::retryable);
        assertThat(IntStream.of(200, 204, 301, 302, 400, 401, 403, 404, 409, 410, 413, 422))
                .noneMatch(WebhookRetryPolicy::retryable);
        assertThat(IntStream.of(200, 201, 202, 204, 299)).allMatch(WebhookRetryPolicy::accepted);
        assertThat(IntStream.of(199, 300, 304, 400, 500)).noneMatch(WebhookRetryPolicy::accepted);
    }
}
