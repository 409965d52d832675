package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import java.util.List;
import java.util.Map;

/**
 * The frame an ADD_NORMAL command carries (an operator's false alarm; an EXPLAIN command carries one
 * the same way), decoded and run through the
 * model exactly as the topology and an audit replay do it: the command's image is validated and
 * decoded as a CameraFrame of line.frames would be, and its tokens come from a one-frame first-stage
 * model call. Tokens depend in their last bits on their batch companions, so a batch of one is what
 * makes the audit's rebuild ({@link FrameReplay#normalExample}) exact.
 */
final class NormalFrames {

    private NormalFrames() {}

    /** The command's frame as a line.frames record would hold it. */
    static CameraFrame frameOf(CalibrationCommand command) {
        return CameraFrame.newBuilder()
                .setCameraId(command.getCameraId())
                .setFrameId(command.getFrameId() == null ? "" : command.getFrameId())
                .setCaptureTimestamp(
                        command.getFrameCaptureTimestamp() != null
                                ? command.getFrameCaptureTimestamp()
                                : command.getTimestamp())
                .setEncoding(command.getFrameEncoding())
                .setWidth(command.getFrameWidth())
                .setHeight(command.getFrameHeight())
                .setImage(command.getFrameImage().duplicate())
                .setProductId(command.getProductId())
                .setAttributes(Map.of())
                .build();
    }

    /** Why the command carries no usable frame, or null when it does. */
    static String problem(CalibrationCommand command) {
        if (command.getFrameImage() == null || !command.getFrameImage().hasRemaining()) {
            return "no frame image";
        }
        if (command.getFrameEncoding() == null) {
            return "no frame encoding";
        }
        if (command.getFrameSource() == null) {
            return "no frameSource: an audit could not replay the frame";
        }
        return null;
    }

    /**
     * The frame's calibration material from a one-frame model call, or null when the model fails on
     * this frame (a model that is down throws, and the command is retried).
     */
    static CalibrationFrame tokens(ModelStep inspection, RgbImage modelImage) {
        List<BatchInference.Outcome> outcome = BatchInference.scan(inspection, List.of(modelImage));
        if (outcome.get(0) instanceof BatchInference.Outcome.Inspected i) {
            InspectedFrame frame = i.frame();
            return CalibrationFrame.of(frame);
        }
        return null;
    }
}
