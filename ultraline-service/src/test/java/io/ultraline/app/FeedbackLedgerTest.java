package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.control.FeedbackRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedbackLedgerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FeedbackLedger ledger = new FeedbackLedger(registry);

    private static OperatorFeedback judged(String camera, String frame, FeedbackKind kind) {
        return new FeedbackRequest(
                        kind, camera, frame, null, kind == FeedbackKind.CONFIRMED_DEFECT ? "dent" : null, null)
                .feedback(null, "operator", Instant.ofEpochMilli(frame.hashCode() & 0xffff));
    }

    @Test
    void precisionIsConfirmedOverConfirmedAndFalseAlarmsPerCamera() {
        ledger.accept(judged("cam-1", "a", FeedbackKind.CONFIRMED_DEFECT));
        ledger.accept(judged("cam-1", "b", FeedbackKind.CONFIRMED_DEFECT));
        ledger.accept(judged("cam-1", "c", FeedbackKind.CONFIRMED_DEFECT));
        ledger.accept(judged("cam-1", "d", FeedbackKind.FALSE_ALARM));
        ledger.accept(judged("cam-2", "e", FeedbackKind.FALSE_ALARM));

        assertThat(ledger.precision("cam-1")).isEqualTo(0.75);
        assertThat(ledger.precision("cam-2")).isZero();
        assertThat(ledger.precision("cam-3")).isNaN();
        assertThat(registry.get("ultraline.operator.confirmed.precision")
                        .tag("camera", "cam-1")
                        .gauge()
                        .value())
                .isEqualTo(0.75);
    }

    @Test
    void recentFeedbackIsNewestFirstAndBounded() {
        for (int i = 0; i < FeedbackLedger.PER_CAMERA + 5; i++) {
            ledger.accept(judged("cam-1", "f" + i, FeedbackKind.FALSE_ALARM));
        }
        assertThat(ledger.recent("cam-1")).hasSize(FeedbackLedger.PER_CAMERA);
        assertThat(ledger.recent("cam-1").get(0).getFrameId()).isEqualTo("f" + (FeedbackLedger.PER_CAMERA + 4));
        assertThat(ledger.recent("other")).isEmpty();
    }

    @Test
    void theFirstAcknowledgementOfAnAlertCounts() {
        ledger.accept(FeedbackRequest.acknowledgement("cam-1", "al-1", null, "operator", Instant.ofEpochMilli(500)));
        ledger.accept(FeedbackRequest.acknowledgement("cam-1", "al-1", null, "later", Instant.ofEpochMilli(900)));
        assertThat(ledger.ack("al-1")).contains(new FeedbackLedger.Ack(500, "operator"));
        assertThat(ledger.ack("al-2")).isEmpty();
        assertThat(ledger.precision("cam-1"))
                .as("acknowledgements judge no verdict")
                .isNaN();
    }
}
