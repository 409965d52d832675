package io.ultraline.stream;

/**
 * Limits of calibration commands.
 *
 * @param defaultFrameCount frames a START without a frameCount collects, {@value #KEY_DEFAULT_FRAMES}
 * @param maxFrameCount     most frames a START may ask for, {@value #KEY_MAX_FRAMES}. Collected token
 *                          sets are kept in a changelogged store until the profile is built, one
 *                          record per frame (N x D floats, e.g. 196 x 768 x 4 B = 588 KiB), so this
 *                          bounds the store at {@code maxFrameCount} such records per camera.
 */
public record CalibrationDefaults(int defaultFrameCount, int maxFrameCount) {

    public static final String KEY_DEFAULT_FRAMES = "calibration.default-frames";
    public static final String KEY_MAX_FRAMES = "calibration.max-frames";

    public CalibrationDefaults {
        if (maxFrameCount < 2 || maxFrameCount > 100_000) {
            throw new IllegalArgumentException(KEY_MAX_FRAMES + " must be between 2 and 100000, got " + maxFrameCount);
        }
        if (defaultFrameCount < 2 || defaultFrameCount > maxFrameCount) {
            throw new IllegalArgumentException(KEY_DEFAULT_FRAMES + " must be between 2 and " + KEY_MAX_FRAMES
                    + " (" + maxFrameCount + "), got " + defaultFrameCount);
        }
    }

    /** 50 frames by default, at most 500. */
    public static CalibrationDefaults defaults() {
        return new CalibrationDefaults(50, 500);
    }
}
