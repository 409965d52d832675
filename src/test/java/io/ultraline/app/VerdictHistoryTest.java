package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerdictHistoryTest {

    private static FrameVerdict at(String camera, String frame, long capture) {
        FrameVerdict v = LiveRecords.verdict(camera, frame, 0.5f);
        v.setCaptureTimestamp(Instant.ofEpochMilli(capture));
        return v;
    }

    private static LineAlert alert(String id, AlertState state) {
        return LineAlert.newBuilder().setAlertId(id).setRuleId("r").setScope(AlertScope.CAMERA).setScopeId("c")
                .setState(state).setOpenedTimestamp(Instant.ofEpochMilli(1000))
                .setEventTimestamp(Instant.ofEpochMilli(state == AlertState.OPEN ? 1000 : 5000))
                .setDefectiveFrames(1).setWindowFrames(2).setWindowMillis(500).setMessage("m")
                .setSource(new SourceRef("line.frames", 0, 1L)).setModel(new ModelStamp("m", "1", "d"))
                .setProfileVersion(1L).setPipelineVersion("p").build();
    }

    @Test
    void eachCameraKeepsItsLastFramesOnly() {
        VerdictHistory history = new VerdictHistory(3);
        for (int i = 0; i < 5; i++) {
            history.verdict(at("c", "f" + i, i));
        }
        history.verdict(at("d", "g", 0));
        assertThat(history.history("c", 100)).extracting(HistoryPoint::frameId).containsExactly("f2", "f3", "f4");
        assertThat(history.history("c", 2)).extracting(HistoryPoint::frameId).containsExactly("f3", "f4");
        assertThat(history.history("d", 100)).hasSize(1);
        assertThat(history.history("x", 100)).isEmpty();
    }

    @Test
    void aWindowIsCompleteOnlyWhenMemoryReachesBackToItsStart() {
        VerdictHistory history = new VerdictHistory(3);
        for (int i = 0; i < 5; i++) {
            history.verdict(at("c", "f" + i, 100L * i));
        }
        VerdictHistory.Window held = history.window("c", false, 200, 400);
        assertThat(held.complete()).isTrue();
        assertThat(held.points()).extracting(HistoryPoint::frameId).containsExactly("f2", "f3", "f4");
        VerdictHistory.Window dropped = history.window("c", false, 100, 400);
        assertThat(dropped.complete()).as("f1 was dropped").isFalse();
        assertThat(dropped.points()).hasSize(3);
        assertThat(history.window("l", true, 200, 300).points()).as("by line id")
                .extracting(HistoryPoint::frameId).containsExactly("f2", "f3");
    }

    @Test
    void anAlertStaysFoundAfterItClearsWithItsOpeningWindow() {
        VerdictHistory history = new VerdictHistory(3);
        history.alert(alert("a", AlertState.OPEN));
        history.alert(alert("a", AlertState.CLEARED));
        assertThat(history.alert("a")).hasValueSatisfying(a -> assertThat(a.getState()).isEqualTo(AlertState.OPEN));
        for (int i = 0; i < VerdictHistory.ALERTS_KEPT; i++) {
            history.alert(alert("n" + i, AlertState.OPEN));
        }
        assertThat(history.alert("a")).as("the oldest goes past the cap").isEmpty();
    }

    @Test
    void aCameraTheLiveViewDropsIsForgotten() {
        RecentFrames recent = new RecentFrames(new RecentFramesConfig(1, 1 << 20));
        VerdictHistory history = new VerdictHistory(DashboardConfig.defaults(), recent);
        recent.verdict(at("c", "f", 1));
        history.verdict(at("c", "f", 1));
        recent.verdict(at("d", "g", 1));
        assertThat(history.history("c", 10)).isEmpty();
    }
}
