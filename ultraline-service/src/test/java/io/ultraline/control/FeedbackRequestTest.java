package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedbackRequestTest {

    private static final SourceRef SOURCE = new SourceRef("line.frames", 1, 42L);

    @Test
    void aConfirmedDefectBecomesAFeedbackRecordWithItsTypeAndSource() {
        OperatorFeedback f = new FeedbackRequest(
                        FeedbackRequest.kind("confirmed-defect"), "cam-1", "f-9", 2, " Scratch ", "  deep  ")
                .feedback(SOURCE, "operator", Instant.ofEpochMilli(7));
        assertThat(f.getKind()).isEqualTo(FeedbackKind.CONFIRMED_DEFECT);
        assertThat(f.getDefectType()).isEqualTo("scratch");
        assertThat(f.getNote()).isEqualTo("deep");
        assertThat(f.getRegionIndex()).isEqualTo(2);
        assertThat(f.getSource()).isEqualTo(SOURCE);
        assertThat(f.getOperator()).isEqualTo("operator");
        assertThat(f.getFeedbackId()).startsWith("fb-");
        assertThat(f.getTimestamp()).isEqualTo(Instant.ofEpochMilli(7));
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FeedbackRequest.kind("ALERT_ACK")).hasMessageContaining("FALSE_ALARM or CONFIRMED");
        assertThatThrownBy(() -> FeedbackRequest.kind(null)).hasMessageContaining("unknown feedback kind");
        assertThatThrownBy(() -> new FeedbackRequest(FeedbackKind.CONFIRMED_DEFECT, "c", "f", null, null, null))
                .hasMessageContaining("needs a defectType");
        assertThatThrownBy(() -> new FeedbackRequest(FeedbackKind.CONFIRMED_DEFECT, "c", "f", null, "bubble", null))
                .hasMessageContaining("got 'bubble'");
        assertThatThrownBy(() -> new FeedbackRequest(FeedbackKind.FALSE_ALARM, "c", "f", null, "dent", null))
                .hasMessageContaining("no defectType");
        assertThatThrownBy(() -> new FeedbackRequest(FeedbackKind.FALSE_ALARM, "c", " ", null, null, null))
                .hasMessageContaining("frame id");
        assertThatThrownBy(() -> new FeedbackRequest(FeedbackKind.FALSE_ALARM, "c", "f", -1, null, null))
                .hasMessageContaining("regionIndex");
        assertThatThrownBy(() -> new FeedbackRequest(
                        FeedbackKind.FALSE_ALARM, "c", "f", null, null, "x".repeat(FeedbackRequest.MAX_NOTE + 1)))
                .hasMessageContaining("at most");
    }

    @Test
    void anAcknowledgementIsKeyedByTheAlertsScope() {
        OperatorFeedback ack = FeedbackRequest.acknowledgement("line-a", "alert-1", "", null, Instant.EPOCH);
        assertThat(ack.getKind()).isEqualTo(FeedbackKind.ALERT_ACK);
        assertThat(ack.getCameraId()).isEqualTo("line-a");
        assertThat(ack.getAlertId()).isEqualTo("alert-1");
        assertThat(ack.getNote()).isNull();
        assertThatThrownBy(() -> FeedbackRequest.acknowledgement("line-a", null, null, null, Instant.EPOCH))
                .hasMessageContaining("alert id");
    }
}
