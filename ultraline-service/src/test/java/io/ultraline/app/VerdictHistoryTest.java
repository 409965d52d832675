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
        return LineAlert.newBuilder()
                .setAlertId(id)
                .setRuleId("r")
                .setScope(AlertScope.CAMERA)
                .setScopeId("c")
                .setState(state)
                .setOpenedTimestamp(Instant.ofEpochMilli(1000))
                .setEventTimestamp(Instant.ofEpochMilli(state == AlertState.OPEN ? 1000 : 5000))
                .setDefectiveFrames(1)
                .setWindowFrames(2)
                .setWindowMillis(500)
                .setMessage("m")
                .setSource(new SourceRef("line.frames", 0, 1L))
                .setModel(new ModelStamp("m", "1", "d"))
                .setProfileVersion(1L)
                .setPipelineVersion("p")
                .build();
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
    void aWindowIsCompleteOnlyWhenMemoryHoldsAllOfItsFrames() {
        VerdictHistory history = new VerdictHistory(3);
        for (int i = 0; i < 5; i++) {
            history.verdict(at("c", "f" + i, 100L * i));
        }
        VerdictHistory.Window held = history.window("c", false, Long.MIN_VALUE, 400, 2);
        assertThat(held.complete()).isTrue();
        assertThat(held.points()).extracting(HistoryPoint::frameId).containsExactly("f3", "f4");
        assertThat(history.window("c", false, Long.MIN_VALUE, 300, 2).points())
                .extracting(HistoryPoint::frameId)
                .as("up to the opening frame")
                .containsExactly("f2", "f3");
        VerdictHistory.Window dropped = history.window("c", false, Long.MIN_VALUE, 400, 4);
        assertThat(dropped.complete()).as("f1 was dropped").isFalse();
        assertThat(dropped.points()).hasSize(3);
        assertThat(history.window("c", false, 350, 400, 4).points())
                .as("within the window's time")
                .extracting(HistoryPoint::frameId)
                .containsExactly("f4");
        assertThat(history.window("l", true, Long.MIN_VALUE, 300, 2).points())
                .as("by line id")
                .extracting(HistoryPoint::frameId)
                .containsExactly("f2", "f3");
    }

    @Test
    void aLineWindowIsIncompleteWhenOneOfItsCamerasDroppedFramesOfIt() {
        VerdictHistory history = new VerdictHistory(2);
        history.verdict(at("d", "g0", 50));
        for (int i = 0; i < 4; i++) {
            history.verdict(at("c", "f" + i, 100L * i));
        }
        history.verdict(at("d", "g1", 350));
        VerdictHistory.Window w = history.window("l", true, Long.MIN_VALUE, 400, 3);
        assertThat(w.points()).extracting(HistoryPoint::frameId).containsExactly("f2", "f3", "g1");
        assertThat(w.complete()).as("d dropped nothing, c nothing after f2").isTrue();
        VerdictHistory.Window four = history.window("l", true, Long.MIN_VALUE, 400, 4);
        assertThat(four.points()).extracting(HistoryPoint::frameId).containsExactly("g0", "f2", "f3", "g1");
        assertThat(four.complete()).as("c dropped f1, captured after g0").isFalse();
    }

    @Test
    void anAlertStaysFoundAfterItClearsWithItsOpeningWindow() {
        VerdictHistory history = new VerdictHistory(3);
        history.alert(alert("a", AlertState.OPEN));
        history.alert(alert("a", AlertState.CLEARED));
        assertThat(history.alert("a"))
                .hasValueSatisfying(a -> assertThat(a.getState()).isEqualTo(AlertState.OPEN));
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
