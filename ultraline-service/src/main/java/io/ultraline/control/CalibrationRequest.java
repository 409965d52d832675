package io.ultraline.control;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * An operator's calibration request, checked and turned into the CalibrationCommand the pipeline
 * reads. The camera id becomes the record key, so the command lands in the partition of the
 * camera's frames and applies between the frames before and after it.
 *
 * @param action      START, STOP, RESET, or PUSH (whose profile the caller adds to the command)
 * @param cameraId    camera
 * @param productId   product, or null for any
 * @param frames      for START: frames to collect, 0 for the service's default; otherwise 0
 * @param requestedBy who asks, for the audit trail
 */
public record CalibrationRequest(
        CalibrationAction action, String cameraId, String productId, int frames, String requestedBy) {

    public CalibrationRequest {
        if (action == null || action == CalibrationAction.UNKNOWN) {
            throw new IllegalArgumentException("a calibration action is START, STOP or RESET");
        }
        if (cameraId == null || cameraId.isBlank()) {
            throw new IllegalArgumentException("a calibration command needs a camera id");
        }
        if (productId != null && productId.isBlank()) {
            productId = null;
        }
        if (action == CalibrationAction.START && (frames < 0 || frames == 1)) {
            throw new IllegalArgumentException(
                    "START needs at least 2 frames (0 for the service's default), got " + frames);
        }
        if (action != CalibrationAction.START && frames != 0) {
            throw new IllegalArgumentException("a frame count is for START only, not " + action);
        }
    }

    /** The action named by {@code text} (start, STOP, ...). */
    public static CalibrationAction action(String text) {
        try {
            CalibrationAction a = CalibrationAction.valueOf(text.trim().toUpperCase(Locale.ROOT));
            // PUSH carries a profile file: the profile command sends it, never a bare action name
            if (a != CalibrationAction.UNKNOWN && a != CalibrationAction.PUSH) {
                return a;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("unknown calibration action '" + text + "': start, stop or reset");
    }

    /** The command, with a new id. */
    public CalibrationCommand command(Instant now) {
        return CalibrationCommand.newBuilder()
                .setCommandId("cal-" + UUID.randomUUID())
                .setCameraId(cameraId)
                .setProductId(productId)
                .setAction(action)
                .setFrameCount(frames)
                .setRequestedBy(requestedBy)
                .setTimestamp(now)
                .build();
    }
}
