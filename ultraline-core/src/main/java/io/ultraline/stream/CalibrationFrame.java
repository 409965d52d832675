package io.ultraline.stream;

import io.ultraline.inspect.InspectedFrame;

/**
 * What one good frame gives a calibration: its scoring tokens, and the frame as the model saw it
 * (8-bit RGB) for the profile's raw-pixel channel, or null where that was not kept (calibrations
 * collected before the channel existed).
 */
public record CalibrationFrame(float[] tokens, byte[] modelInput) {

    /** Requires the tokens. */
    public CalibrationFrame {
        if (tokens == null) {
            throw new IllegalArgumentException("a calibration frame needs its tokens");
        }
    }

    /** The calibration material of an inspected frame. */
    public static CalibrationFrame of(InspectedFrame frame) {
        return new CalibrationFrame(frame.scoringTokens(), frame.modelInput());
    }
}
