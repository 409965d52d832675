package io.ultraline.control;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import java.util.UUID;

/**
 * The calibration commands that change a camera's existing profile into a new version, rather than
 * calibrating it afresh: a false alarm added as a normal example (ADD_NORMAL), and a threshold
 * margin (MARGIN). Both go through line.calibration like START, so they apply between the camera's
 * frames in order and the profile's version history stays the one an audit replays.
 */
public final class ProfileChanges {

    /** Largest margin accepted: beyond 10x the calibrated threshold nothing would ever be flagged. */
    public static final float MAX_MARGIN = 10f;

    private ProfileChanges() {}

    /**
     * ADD_NORMAL for a frame an operator marked as a false alarm: the command carries the frame's
     * image as it was on line.frames, so the pipeline decodes it exactly as it decoded the frame.
     *
     * @param frame  the frame, image included
     * @param source where it sits on line.frames (its verdict's source)
     */
    public static CalibrationCommand addNormal(CameraFrame frame, SourceRef source, String requestedBy, Instant now) {
        return FrameCarryingCommands.builder(
                        "a normal example", "cal-", CalibrationAction.ADD_NORMAL, frame, source, requestedBy, now)
                .build();
    }

    /**
     * MARGIN: the camera's profile gets a new version whose threshold is its calibrated threshold
     * times {@code value} (1.0 undoes an earlier margin).
     */
    public static CalibrationCommand margin(
            String cameraId, String productId, float value, String requestedBy, Instant now) {
        String problem = marginProblem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (cameraId == null || cameraId.isBlank()) {
            throw new IllegalArgumentException("a margin needs a camera id");
        }
        return CalibrationCommand.newBuilder()
                .setCommandId("cal-" + UUID.randomUUID())
                .setCameraId(cameraId)
                .setProductId(productId == null || productId.isBlank() ? null : productId)
                .setAction(CalibrationAction.MARGIN)
                .setRequestedBy(requestedBy)
                .setTimestamp(now)
                .setMargin(value)
                .build();
    }

    /** Why {@code value} is no margin, or null when it is one; shared with the pipeline's validation. */
    public static String marginProblem(Float value) {
        if (value == null || !(value > 0f) || value > MAX_MARGIN || !Float.isFinite(value)) {
            return "a threshold margin is a factor in (0, " + MAX_MARGIN + "] on the calibrated threshold, got "
                    + value;
        }
        return null;
    }
}
