package io.ultraline.stream;

import io.ultraline.avro.AlertScope;
import java.time.Duration;
import java.util.Objects;

/**
 * A windowed alert rule with hysteresis: over the last {@link #windowFrames} inspected frames of a
 * scope (a camera or a line) that lie within {@link #window} of the newest one, it opens an alert
 * once the number of DEFECT verdicts reaches {@link #open} and clears it once that number has fallen
 * to {@link #clear}. Frames count by capture time, so replays give the same alerts. Only OK and
 * DEFECT verdicts enter a window; UNCALIBRATED and CALIBRATING frames say nothing about quality.
 *
 * <p>Keys, for a rule {@code <id>}: {@code alerts.rules.<id>.scope} (camera | line),
 * {@code .window-frames}, {@code .window} (ISO-8601 or milliseconds), {@code .open}, {@code .clear}.
 *
 * @param ruleId       stable name, e.g. {@code camera-defect-rate}; part of every alert id
 * @param scope        CAMERA or LINE
 * @param windowFrames most frames in the window, 1 to {@value #MAX_WINDOW_FRAMES}
 * @param window       longest span of capture times in the window; {@link Duration#ZERO} for no bound
 * @param open         defective frames that open the alert, 1 to {@code windowFrames}
 * @param clear        defective frames at or below which an open alert clears, 0 to {@code open - 1}
 */
public record AlertRule(String ruleId, AlertScope scope, int windowFrames, Duration window, int open, int clear) {

    public static final String KEY_PREFIX = "alerts.rules.";
    /** Bounds the alert state per scope (one entry per frame in the window). */
    public static final int MAX_WINDOW_FRAMES = 10_000;

    public AlertRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        if (!ruleId.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("alert rule id must be lower-case letters, digits, '.', '_' and '-', got '"
                    + ruleId + "'");
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

    /** Whether a window is also bounded in time. */
    public boolean timeBounded() {
        return !window.isZero();
    }
}
