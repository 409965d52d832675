package io.ultraline.stream;

import io.ultraline.inspect.TransformChoice;
import java.time.Duration;
import java.util.Locale;

/**
 * Limits of calibration commands.
 *
 * @param defaultFrameCount frames a START without a frameCount collects, {@value #KEY_DEFAULT_FRAMES}
 * @param maxFrameCount     most frames a START may ask for, {@value #KEY_MAX_FRAMES}. Collected token
 *                          sets are kept in a changelogged store until the profile is built, one
 *                          record per frame (N x D floats, e.g. 196 x 768 x 4 B = 588 KiB), so this
 *                          bounds the store at {@code maxFrameCount} such records per camera.
 * @param maxInlineBuild    how long the frame that completes a calibration waits for its profile,
 *                          {@value #KEY_MAX_INLINE_BUILD}; a build that takes longer finishes in the
 *                          background and its profile is stored by a later punctuation, so no
 *                          exactly-once transaction holds a whole build (500 frames of a 196-token
 *                          model take minutes, the transaction timeout is 10 s)
 * @param rawPixels         whether new profiles get the raw-pixel channel, {@value #KEY_RAW_PIXELS}
 *                          (docs/evaluation.md: better detection on most surfaces, about 30 ms more
 *                          scoring per frame on a 2-core machine); existing profiles keep what they have
 * @param conceptTransform  whether a calibration also learns the camera's token transform W (issue 19)
 *                          from its frames and stores it in the profile, {@value #KEY_CONCEPT_TRANSFORM}:
 *                          {@link TransformChoice#PROFILE} or {@link TransformChoice#NONE}. The maps of a
 *                          camera whose profile has a W go through it, whatever this says (a pushed
 *                          profile may carry one)
 * @param zoom              scale of the zoom channel a calibration adds to new profiles
 *                          ({@link io.ultraline.defect.ZoomChannel}), {@value #KEY_ZOOM}: 1 (none,
 *                          the default), 2 to 4, or {@link #AUTO_ZOOM} ({@code auto}: each
 *                          calibration chooses by {@link io.ultraline.inspect.ZoomChoice}, which
 *                          adds minutes to the build). It suits the textures whose grain is about a
 *                          token's size and costs {@code zoom * zoom} more forward passes a frame
 *                          (docs/evaluation.md, "The zoom channel in the product")
 */
public record CalibrationDefaults(
        int defaultFrameCount,
        int maxFrameCount,
        Duration maxInlineBuild,
        boolean rawPixels,
        TransformChoice conceptTransform,
        int zoom) {

    public static final String KEY_DEFAULT_FRAMES = "calibration.default-frames";
    public static final String KEY_MAX_FRAMES = "calibration.max-frames";
    public static final String KEY_MAX_INLINE_BUILD = "calibration.max-inline-build";
    public static final String KEY_RAW_PIXELS = "calibration.raw-pixels";
    public static final String KEY_CONCEPT_TRANSFORM = "calibration.concept-transform";
    public static final String KEY_ZOOM = "calibration.zoom";

    /** {@link #zoom} when each calibration chooses its scale by the painted self-check. */
    public static final int AUTO_ZOOM = 0;

    /** Kafka Streams gives exactly-once transactions 10 s; a build must leave most of it to the batch. */
    static final Duration MAX_INLINE_BUILD_LIMIT = Duration.ofSeconds(5);

    public CalibrationDefaults(int defaultFrameCount, int maxFrameCount) {
        this(defaultFrameCount, maxFrameCount, Duration.ofSeconds(2));
    }

    /** With the raw-pixel channel on. */
    public CalibrationDefaults(int defaultFrameCount, int maxFrameCount, Duration maxInlineBuild) {
        this(defaultFrameCount, maxFrameCount, maxInlineBuild, true);
    }

    /** Learning each camera's W (the default). */
    public CalibrationDefaults(int defaultFrameCount, int maxFrameCount, Duration maxInlineBuild, boolean rawPixels) {
        this(defaultFrameCount, maxFrameCount, maxInlineBuild, rawPixels, TransformChoice.PROFILE);
    }

    /** Without a zoom channel (the default). */
    public CalibrationDefaults(
            int defaultFrameCount,
            int maxFrameCount,
            Duration maxInlineBuild,
            boolean rawPixels,
            TransformChoice conceptTransform) {
        this(defaultFrameCount, maxFrameCount, maxInlineBuild, rawPixels, conceptTransform, 1);
    }

    public CalibrationDefaults {
        if (zoom < AUTO_ZOOM || zoom > io.ultraline.defect.ZoomChannel.MAX_SCALE) {
            throw new IllegalArgumentException(KEY_ZOOM + " must be none, auto or 2 to "
                    + io.ultraline.defect.ZoomChannel.MAX_SCALE + ", got " + zoom);
        }
        java.util.Objects.requireNonNull(maxInlineBuild, KEY_MAX_INLINE_BUILD);
        java.util.Objects.requireNonNull(conceptTransform, KEY_CONCEPT_TRANSFORM);
        if (conceptTransform == TransformChoice.MODEL) {
            // the model's own W is a command-line choice; the service learns a camera's own
            throw new IllegalArgumentException(KEY_CONCEPT_TRANSFORM + " must be none or profile, got model");
        }
        if (maxInlineBuild.isNegative() || maxInlineBuild.compareTo(MAX_INLINE_BUILD_LIMIT) > 0) {
            throw new IllegalArgumentException(KEY_MAX_INLINE_BUILD + " must be between 0 and " + MAX_INLINE_BUILD_LIMIT
                    + ", got " + maxInlineBuild);
        }
        if (maxFrameCount < 2 || maxFrameCount > 100_000) {
            throw new IllegalArgumentException(KEY_MAX_FRAMES + " must be between 2 and 100000, got " + maxFrameCount);
        }
        if (defaultFrameCount < 2 || defaultFrameCount > maxFrameCount) {
            throw new IllegalArgumentException(KEY_DEFAULT_FRAMES + " must be between 2 and " + KEY_MAX_FRAMES + " ("
                    + maxFrameCount + "), got " + defaultFrameCount);
        }
    }

    /** 50 frames by default, at most 500, 2 s inline, raw-pixel channel on, W learned. */
    public static CalibrationDefaults defaults() {
        return new CalibrationDefaults(50, 500);
    }

    /** The same limits, learning W or not. */
    public CalibrationDefaults withConceptTransform(TransformChoice choice) {
        return new CalibrationDefaults(defaultFrameCount, maxFrameCount, maxInlineBuild, rawPixels, choice, zoom);
    }

    /** The same limits, with new profiles' zoom channel at {@code scale} (1: none). */
    public CalibrationDefaults withZoom(int scale) {
        return new CalibrationDefaults(
                defaultFrameCount, maxFrameCount, maxInlineBuild, rawPixels, conceptTransform, scale);
    }

    /** {@value #KEY_ZOOM} from its setting: none, auto, or a scale from 2 to 4 ({@code 3} or {@code 3x}). */
    static int parseZoom(String text) {
        if (text.isBlank()) {
            return 1;
        }
        try {
            Integer scale = io.ultraline.inspect.ZoomChoice.parse(text);
            return scale == null ? AUTO_ZOOM : scale;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_ZOOM + ": " + e.getMessage(), e);
        }
    }

    /** {@value #KEY_CONCEPT_TRANSFORM} from its setting, none or profile. */
    static TransformChoice parseConceptTransform(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return TransformChoice.NONE;
        }
        if (t.equals("profile")) {
            return TransformChoice.PROFILE;
        }
        throw new IllegalArgumentException(KEY_CONCEPT_TRANSFORM + " must be none or profile, got '" + text + "'");
    }
}
