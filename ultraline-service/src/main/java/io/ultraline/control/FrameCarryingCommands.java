package io.ultraline.control;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import java.util.UUID;

/**
 * The part ADD_NORMAL and EXPLAIN share: a command that carries a frame exactly as it was on
 * line.frames (so the pipeline decodes it as it decoded the frame) and the frame's place there
 * (so the output and an audit can name it).
 */
final class FrameCarryingCommands {

    private FrameCarryingCommands() {}

    /**
     * @param purpose what the command is for, as the error messages name it ("a normal example")
     * @param idPrefix the command id's prefix
     */
    static CalibrationCommand.Builder builder(
            String purpose,
            String idPrefix,
            CalibrationAction action,
            CameraFrame frame,
            SourceRef source,
            String requestedBy,
            Instant now) {
        if (frame == null || frame.getImage() == null || !frame.getImage().hasRemaining()) {
            throw new IllegalArgumentException(purpose + " needs the frame's image");
        }
        if (source == null) {
            throw new IllegalArgumentException(purpose + " needs the frame's place on line.frames (its verdict's"
                    + " source), so that its output and an audit can name it");
        }
        return CalibrationCommand.newBuilder()
                .setCommandId(idPrefix + UUID.randomUUID())
                .setCameraId(frame.getCameraId())
                .setProductId(frame.getProductId())
                .setAction(action)
                .setRequestedBy(requestedBy)
                .setTimestamp(now)
                .setFrameId(frame.getFrameId())
                .setFrameSource(new SourceRef(source.getTopic(), source.getPartition(), source.getOffset()))
                .setFrameEncoding(frame.getEncoding())
                .setFrameWidth(frame.getWidth())
                .setFrameHeight(frame.getHeight())
                .setFrameImage(frame.getImage().duplicate());
    }
}
