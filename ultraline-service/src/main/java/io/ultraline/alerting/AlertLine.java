package io.ultraline.alerting;

import io.ultraline.avro.LineAlert;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One readable line per alert event, for {@code ultraline alerts tail}:
 * {@code 2023-11-14T22:13:20.000Z  OPEN     CAMERA cam-1  rule=camera-defects  3/4 defective  window=60000ms  id=...}.
 * The time is the event time (capture time of the frame that opened or cleared the alert), in UTC.
 */
public final class AlertLine {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AlertLine() {}

    public static String format(LineAlert alert) {
        String window = alert.getWindowMillis() > 0 ? "window=" + alert.getWindowMillis() + "ms" : "window=frames";
        String counted = alert.getKind() == io.ultraline.avro.AlertKind.RECALIBRATION_SUGGESTED
                ? "near threshold (recalibration suggested)"
                : "defective";
        return String.format(
                "%s  %-7s  %-6s %s  rule=%s  %d/%d %s  %s  id=%s",
                TIME.format(alert.getEventTimestamp()),
                alert.getState().name(),
                alert.getScope().name(),
                alert.getScopeId(),
                alert.getRuleId(),
                alert.getDefectiveFrames(),
                alert.getWindowFrames(),
                counted,
                window,
                alert.getAlertId());
    }
}
