package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CalibrationRequestTest {

    @Test
    void aStartBecomesTheCommandThePipelineReads() {
        CalibrationCommand c = new CalibrationRequest(CalibrationRequest.action("Start"), "cam-1", " ", 30, "ann")
                .command(Instant.ofEpochMilli(5));

        assertThat(c.getAction()).isEqualTo(CalibrationAction.START);
        assertThat(c.getCameraId()).isEqualTo("cam-1");
        assertThat(c.getProductId()).isNull();
        assertThat(c.getFrameCount()).isEqualTo(30);
        assertThat(c.getRequestedBy()).isEqualTo("ann");
        assertThat(c.getCommandId()).startsWith("cal-");
        assertThat(c.getTimestamp()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @Test
    void badRequestsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> CalibrationRequest.action("jump")).hasMessageContaining("start, stop or reset");
        assertThatThrownBy(() -> CalibrationRequest.action("unknown")).hasMessageContaining("start, stop or reset");
        assertThatThrownBy(() -> new CalibrationRequest(CalibrationAction.START, "cam", null, 1, null))
                .hasMessageContaining("at least 2 frames");
        assertThatThrownBy(() -> new CalibrationRequest(CalibrationAction.START, "cam", null, -3, null))
                .hasMessageContaining("at least 2 frames");
        assertThatThrownBy(() -> new CalibrationRequest(CalibrationAction.RESET, "cam", null, 5, null))
                .hasMessageContaining("START only");
        assertThatThrownBy(() -> new CalibrationRequest(CalibrationAction.STOP, "", null, 0, null))
                .hasMessageContaining("camera id");
    }
}
