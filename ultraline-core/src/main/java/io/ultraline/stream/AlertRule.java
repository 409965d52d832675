package io.ultraline.stream;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import java.util.Objects;

/**
 * A windowed alert rule with hysteresis: over the last {@link #windowFrames} inspected frames of a
 * scope (a camera or a line) that lie within {@link #window} of the newest one, it opens an alert
 * once the number of frames it counts reaches {@link #open} and clears it once that number has
 * fallen to {@link #clear}. Frames count by capture time, so replays give the same alerts.
 * UNCALIBRATED and CALIBRATING frames say nothing about quality and never enter a window.
 *
 * <p>What a rule counts is its {@link #kind}:
 * <ul>
 *   <li>{@code DEFECT_BURST}: OK and DEFECT verdicts enter the window; DEFECT verdicts count;</li>
 *   <li>{@code RECALIBRATION_SUGGESTED}: only OK verdicts enter; those scoring at least
 *       {@link #level} times their threshold count. Calibration puts normal frames well below the
 *       threshold, so many of them creeping up to it means the surface, the light or the camera has
 *       drifted from what the profile learned, before frames start failing.</li>
 * </ul>
 *
 * <p>Keys, for a rule {@code <id>}: {@code alerts.rules.<id>.scope} (camera | line),
 * {@code .window-frames}, {@code .window} (ISO-8601 or milliseconds), {@code .open}, {@code .clear}.
 *
 * @param ruleId       stable name, e.g. {@code camera-defect-rate}; part of every alert id
 * @param scope        CAMERA or LINE
 * @param windowFrames most frames in the window, 1 to {@value #MAX_WINDOW_FRAMES}
 * @param window       longest span of capture times in the window; {@link Duration#ZERO} for no bound
 * @param open         defective frames that open the alert, 1 to {@code windowFrames}
 * @param clear        counted frames at or below which an open alert clears, 0 to {@code open - 1}
 * @param kind         DEFECT_BURST or RECALIBRATION_SUGGESTED
 * @param level        for RECALIBRATION_SUGGESTED, the fraction of the threshold from which a normal
 *                     frame counts, in (0, 1]; ignored otherwise
 */
public record AlertRule(
        String ruleId,
        AlertScope scope,
        int windowFrames,
        Duration window,
        int open,
        int clear,
        AlertKind kind,
        double level) {

    /** The default level of a RECALIBRATION_SUGGESTED rule. */
    public static final double DEFAULT_DRIFT_LEVEL = 0.75;

    public static final String KEY_PREFIX = "alerts.rules.";
    /** Bounds the alert state per scope (one entry per frame in the window). */
    public static final int MAX_WINDOW_FRAMES = 10_000;

    public AlertRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(kind, "kind");
        if (kind == AlertKind.UNKNOWN) {
            throw new IllegalArgumentException(
                    "alert rule " + ruleId + ": kind must be defect-burst or" + " recalibration-suggested");
        }
        if (kind == AlertKind.RECALIBRATION_SUGGESTED && !(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": level must be in (0, 1], got " + level);
        }
        if (kind == AlertKind.DEFECT_BURST) {
            level = 0; // unused: rules equal whatever level their settings carried
        }
        if (!ruleId.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "alert rule id must be lower-case letters, digits, '.', '_' and '-', got '" + ruleId + "'");
        }
        if (scope == AlertScope.UNKNOWN) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": scope must be CAMERA or LINE");
        }
        if (windowFrames < 1 || windowFrames > MAX_WINDOW_FRAMES) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": window-frames must be between 1 and "
                    + MAX_WINDOW_FRAMES + ", got " + windowFrames);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": window must not be negative, got " + window);
        }
        if (open < 1 || open > windowFrames) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": open must be between 1 and window-frames ("
                    + windowFrames + "), got " + open);
        }
        if (clear < 0 || clear >= open) {
            throw new IllegalArgumentException("alert rule " + ruleId + ": clear must be between 0 and open - 1 ("
                    + (open - 1) + ") so that an alert cannot open and clear on the same count, got " + clear);
        }
    }

    /** A DEFECT_BURST rule. */
    public AlertRule(String ruleId, AlertScope scope, int windowFrames, Duration window, int open, int clear) {
        this(ruleId, scope, windowFrames, window, open, clear, AlertKind.DEFECT_BURST, 0);
    }

    /** Whether a frame with this verdict enters the rule's window at all. */
    public boolean watches(VerdictStatus status) {
        return status == VerdictStatus.OK || kind == AlertKind.DEFECT_BURST && status == VerdictStatus.DEFECT;
    }

    /** Whether a frame the rule {@link #watches} counts towards opening the alert. */
    public boolean counts(VerdictStatus status, float score, float threshold) {
        return kind == AlertKind.DEFECT_BURST
                ? status == VerdictStatus.DEFECT
                : threshold > 0 && score >= level * threshold;
    }

    /** Whether a window is also bounded in time. */
    public boolean timeBounded() {
        return !window.isZero();
    }
}
