package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.frame.RgbImage;

/**
 * Turns a frame's image bytes into pixels, or says precisely why it cannot. The topology uses
 * {@link #standard(FrameRecordLimits)} (the frame package's {@code FrameDecoder}); any implementation
 * can be passed to {@link InspectionTopology} instead. Implementations are
 * thread-safe and check limits before they allocate pixel buffers.
 */
public interface FrameDecoding {

    /**
     * Decodes and validates the image of {@code frame} (whose ids and sizes are already known to be
     * present).
     *
     * @return the image at its declared size
     * @throws DeadLetterException with reason UNSUPPORTED_ENCODING, IMAGE_TOO_LARGE, DECOMPRESSION_BOMB,
     *     IMAGE_TRUNCATED, IMAGE_CORRUPT or DIMENSION_MISMATCH
     */
    RgbImage decode(CameraFrame frame) throws DeadLetterException;

    /** Bounds on the frame's ids and attributes, checked before {@link #decode}. */
    default FieldLimits fields() {
        return FieldLimits.defaults();
    }

    /** The frame package's decoder (header checks before any pixel allocation) under {@code limits}. */
    static FrameDecoding standard(FrameRecordLimits limits) {
        return new StandardFrameDecoding(limits);
    }
}
