package io.ultraline.alerting;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import java.time.Instant;

/** LineAlert samples for the alerting tests. */
final class TestAlerts {

    static final long OPENED = 1_700_000_000_123L;

    private TestAlerts() {}

    /** A camera alert of rule {@code camera-defects}; the event comes {@code offset} seconds after opening. */
    static LineAlert alert(String alertId, String cameraId, AlertState state, long offset) {
        return LineAlert.newBuilder()
                .setAlertId(alertId)
                .setRuleId("camera-defects")
                .setScope(AlertScope.CAMERA)
                .setScopeId(cameraId)
                .setState(state)
                .setOpenedTimestamp(Instant.ofEpochMilli(OPENED))
                .setEventTimestamp(Instant.ofEpochMilli(OPENED + offset * 1000))
                .setDefectiveFrames(state == AlertState.OPEN ? 3 : 0)
                .setWindowFrames(4)
                .setWindowMillis(60_000)
                .setMessage(state + ": \"quoted\" message for " + cameraId)
                .setSource(new SourceRef("line.frames", 1, 40 + offset))
                .setModel(new ModelStamp("line-vit", "1.0.0", "ab12"))
                .setProfileVersion(7L)
                .setPipelineVersion("0.1.0")
                .setKind(io.ultraline.avro.AlertKind.DEFECT_BURST)
                .build();
    }
}
