package io.ultraline.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retry loop against a scripted webhook and a sleeper that only records: no real waiting. */
class AlertDeliveryTest {

    private static final WebhookRetryPolicy POLICY =
            new WebhookRetryPolicy(4, Duration.ofMillis(100), Duration.ofMillis(250));

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    /** Answers each request with the next scripted status, or throws the scripted exception. */
    private WebhookSender script(Object... answers) {
        Deque<Object> queue = new ArrayDeque<>(List.of(answers));
        return (key, json) -> {
            requests.add(key + " " + json);
            Object next = queue.isEmpty() ? 200 : queue.poll();
            if (next instanceof IOException e) {
                throw e;
            }
            return (Integer) next;
        };
    }

    private DeliveryResult deliver(WebhookSender sender) throws InterruptedException {
        return new AlertDelivery(sender, POLICY, waits::add).deliver("k:OPEN", "{}");
    }

    @Test
    void firstSuccessIsOneRequestAndNoWait() throws Exception {
        DeliveryResult result = deliver(script(204));
        assertThat(result).isEqualTo(new DeliveryResult(true, 1, 204, null, false));
        assertThat(waits).isEmpty();
        assertThat(requests).containsExactly("k:OPEN {}");
    }

    @Test
    void serverErrorsTimeoutsAndThrottlingAreRetriedWithGrowingWaits() throws Exception {
        DeliveryResult result = deliver(script(503, new HttpTimeoutException("slow"), 429, 200));
        assertThat(result.delivered()).isTrue();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
        assertThat(requests).hasSize(4).allMatch(r -> r.equals("k:OPEN {}"));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastReason() throws Exception {
        DeliveryResult result = deliver(script(500, 502, 408, 503, 200));
        assertThat(result).isEqualTo(new DeliveryResult(false, 4, 503, "HTTP_503", false));
        assertThat(requests).hasSize(4);
        assertThat(waits).hasSize(3);
    }

    @Test
    void connectionFailureAsLastAttemptHasNoStatus() throws Exception {
        DeliveryResult result = deliver(script(500, 500, 500, new ConnectException("refused")));
        assertThat(result.delivered()).isFalse();
        assertThat(result.lastStatus()).isZero();
        assertThat(result.reason()).startsWith("IO_ERROR").contains("refused");
    }

    @Test
    void clientErrorsAreNotRetried() throws Exception {
        DeliveryResult result = deliver(script(503, 422));
        assertThat(result).isEqualTo(new DeliveryResult(false, 2, 422, "HTTP_422", true));
        assertThat(requests).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void redirectsAreNotFollowedNorRetried() throws Exception {
        DeliveryResult result = deliver(script(301));
        assertThat(result.delivered()).isFalse();
        assertThat(result.permanent()).isTrue();
        assertThat(requests).hasSize(1);
    }

    @Test
    void aStopDuringBackoffEndsTheDeliveryUndecided() {
        Sleeper stopping = d -> {
            throw new InterruptedException("stopping");
        };
        AlertDelivery delivery = new AlertDelivery(script(503, 200), POLICY, stopping);
        assertThatThrownBy(() -> delivery.deliver("k:OPEN", "{}")).isInstanceOf(InterruptedException.class);
        assertThat(requests).hasSize(1);
    }
}
