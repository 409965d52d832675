package io.ultraline.control;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.SourceRef;
import java.time.Instant;

/**
 * Explain on demand: the EXPLAIN command that asks the pipeline for the ULTra explanation of a frame
 * that already has its verdict (one the two-stage selection skipped, or one to see again). It goes
 * through line.calibration like ADD_NORMAL, since it needs the camera's partition and profile, and
 * carries the frame as it was on line.frames, so the pipeline decodes it exactly as it decoded the
 * frame; the explanation comes out on line.explanations with reason ON_DEMAND under the frame's own
 * source reference.
 */
public final class ExplainCommands {

    private ExplainCommands() {}

    /**
     * @param frame  the frame, image included, as read from line.frames
     * @param source where it sits on line.frames (its verdict's source)
     */
    public static CalibrationCommand explain(CameraFrame frame, SourceRef source, String requestedBy, Instant now) {
        return FrameCarryingCommands.builder(
                        "an explanation on demand",
                        "explain-",
                        CalibrationAction.EXPLAIN,
                        frame,
                        source,
                        requestedBy,
                        now)
                .setFrameCaptureTimestamp(frame.getCaptureTimestamp())
                .build();
    }
}
