package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.RejectReason;
import io.ultraline.frame.RgbImage;

/** What the validation nodes hand the inference node: a frame, a calibration command, or a rejection. */
sealed interface PipelineInput {

    /** The input record behind it. */
    OriginalRecord original();

    /**
     * A frame that passed validation.
     *
     * @param frame      the deserialized record
     * @param modelImage the decoded image resized to the model input (kept in memory only)
     */
    record Frame(OriginalRecord original, CameraFrame frame, RgbImage modelImage) implements PipelineInput {}

    /**
     * A valid calibration command; the stream key is its profile key's camera id.
     *
     * @param normalFrame for ADD_NORMAL and EXPLAIN: the command's frame decoded at the model's input size;
     *                    else null
     */
    record Command(OriginalRecord original, CalibrationCommand command, RgbImage normalFrame) implements PipelineInput {

        /** A command without a frame. */
        Command(OriginalRecord original, CalibrationCommand command) {
            this(original, command, null);
        }
    }

    /** An input record that is to be dead-lettered as it is. */
    record Rejected(OriginalRecord original, RejectReason reason, String message, String cameraId, String frameId)
            implements PipelineInput {}
}
