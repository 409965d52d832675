package io.ultraline.stream;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The frames as the model saw them, 8-bit, at the model's side {@code size}: what the
     * calibration store keeps and an audit replays; null when a frame was collected without its
     * model input.
     */
    static List<RgbImage> seenByModel(List<CalibrationFrame> frames, int size) {
        List<RgbImage> seen = new ArrayList<>(frames.size());
        for (CalibrationFrame f : frames) {
            if (f.modelInput() == null) {
                return null;
            }
            seen.add(new RgbImage(size, size, AppearanceBank.expand(f.modelInput())));
        }
        return seen;
    }
}
