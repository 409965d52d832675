package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sliding windows by frames and by capture time, hysteresis, and the stored form. */
class AlertWindowTest {

    @Test
    void opensOnceAtOpenAndClearsOnceAtClear() {
        AlertRule rule = new AlertRule("r", AlertScope.CAMERA, 5, Duration.ZERO, 3, 1);
        AlertWindow w = new AlertWindow();
        boolean[] frames = {true, true, true, true, false, true, false, false, false, false, true};
        StringBuilder changes = new StringBuilder();
        long t = 0;
        for (boolean defective : frames) {
            AlertWindow.Change c = w.add(rule, t += 1000, defective, "id-" + t);
            changes.append(c.name().charAt(0));
            if (c == AlertWindow.Change.CLEARED) {
                w.closeAlert();
            }
            w = AlertWindow.decode(w.encode());
        }
        // defective frames among the last 5: 1 2 3 4 4 4 3 2 1 1 1 -> opens at the third, clears at the ninth
        assertThat(changes.toString()).isEqualTo("NNONNNNNCNN");
    }

    @Test
    void aTimeBoundedWindowForgetsFramesCapturedTooLongBeforeTheNewest() {
        AlertRule rule = new AlertRule("r", AlertScope.LINE, 10, Duration.ofSeconds(3), 2, 0);
        AlertWindow w = new AlertWindow();
        assertThat(w.add(rule, 1000, true, "a")).isEqualTo(AlertWindow.Change.NONE);
        assertThat(w.add(rule, 2000, true, "b")).isEqualTo(AlertWindow.Change.OPENED);
        assertThat(w.alertId()).isEqualTo("b");
        assertThat(w.add(rule, 3000, false, "c")).isEqualTo(AlertWindow.Change.NONE);
        assertThat(w.add(rule, 4000, false, "d")).isEqualTo(AlertWindow.Change.NONE);
        assertThat(w.add(rule, 5000, false, "e")).isEqualTo(AlertWindow.Change.NONE);
        assertThat(w.defectiveFrames()).isEqualTo(1);
        assertThat(w.add(rule, 6000, false, "f")).isEqualTo(AlertWindow.Change.CLEARED);
        assertThat(w.alertId()).isEqualTo("b");
        assertThat(w.frames()).isEqualTo(4);
    }

    @Test
    void aRecalibrationRuleWatchesNormalFramesAndCountsThoseNearTheirThreshold() {
        AlertRule drift = new AlertRule(
                "drift", AlertScope.CAMERA, 10, Duration.ZERO, 5, 2, AlertKind.RECALIBRATION_SUGGESTED, 0.75);
        assertThat(drift.watches(VerdictStatus.OK)).isTrue();
        assertThat(drift.watches(VerdictStatus.DEFECT)).isFalse();
        assertThat(drift.watches(VerdictStatus.UNCALIBRATED)).isFalse();
        assertThat(drift.counts(VerdictStatus.OK, 7.5f, 10f)).isTrue();
        assertThat(drift.counts(VerdictStatus.OK, 7.4f, 10f)).isFalse();
        assertThat(drift.counts(VerdictStatus.OK, 7.5f, 0f))
                .as("no threshold, nothing to drift from")
                .isFalse();
        AlertRule burst = new AlertRule("burst", AlertScope.CAMERA, 10, Duration.ZERO, 5, 2);
        assertThat(burst.kind()).isEqualTo(AlertKind.DEFECT_BURST);
        assertThat(burst.watches(VerdictStatus.DEFECT)).isTrue();
        assertThat(burst.watches(VerdictStatus.CALIBRATING)).isFalse();
        assertThat(burst.counts(VerdictStatus.OK, 9.9f, 10f)).isFalse();
        assertThat(burst.counts(VerdictStatus.DEFECT, 10f, 10f)).isTrue();
        assertThatThrownBy(() -> new AlertRule(
                        "d", AlertScope.CAMERA, 10, Duration.ZERO, 5, 2, AlertKind.RECALIBRATION_SUGGESTED, 1.5))
                .hasMessageContaining("level must be in (0, 1]");
        assertThatThrownBy(() -> new AlertRule("d", AlertScope.CAMERA, 10, Duration.ZERO, 5, 2, AlertKind.UNKNOWN, 0.5))
                .hasMessageContaining("kind must be");
    }

    @Test
    void rulesRefuseHysteresisThatCouldFlap() {
        assertThatThrownBy(() -> new AlertRule("r", AlertScope.CAMERA, 5, Duration.ZERO, 2, 2))
                .hasMessageContaining("clear");
        assertThatThrownBy(() -> new AlertRule("r", AlertScope.CAMERA, 5, Duration.ZERO, 6, 0))
                .hasMessageContaining("open");
        assertThatThrownBy(() -> new AlertRule("R!", AlertScope.CAMERA, 5, Duration.ZERO, 2, 0))
                .hasMessageContaining("id");
    }
}
