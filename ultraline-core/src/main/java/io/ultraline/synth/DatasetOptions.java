package io.ultraline.synth;

/**
 * What {@link DatasetWriter} produces: one camera set-up of one material family, {@code
 * calibration} defect-free frames and {@code frames} test frames of which a {@code defectRate}
 * share (rounded) carry defects.
 *
 * @param seed        everything in the dataset follows from it
 * @param frames      test frames, at least 1
 * @param calibration defect-free calibration frames, 0 or more
 * @param size        frame side in pixels
 * @param defectRate  share of defective test frames, 0..1
 * @param family      the camera's material
 * @param movingSurface every frame shows a new piece of the material (a web or a stream of parts passing
 *                    the camera) instead of the same piece under a small pose change; the camera's
 *                    colour, light and noise stay
 */
public record DatasetOptions(
        long seed,
        int frames,
        int calibration,
        int size,
        double defectRate,
        MaterialFamily family,
        boolean movingSurface) {

    public static final int DEFAULT_FRAMES = 200;
    public static final int DEFAULT_CALIBRATION = 100;
    public static final int DEFAULT_SIZE = 128;
    public static final double DEFAULT_DEFECT_RATE = 0.5;
    /** Brushed metal: the classic surface-inspection subject. */
    public static final MaterialFamily DEFAULT_FAMILY = MaterialFamily.BRUSHED_METAL;

    public DatasetOptions {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        if (calibration < 0) {
            throw new IllegalArgumentException("calibration must not be negative, got " + calibration);
        }
        if (size < FrameGenerator.MIN_SIZE || size > FrameGenerator.MAX_SIZE) {
            throw new IllegalArgumentException(
                    "size must be in [" + FrameGenerator.MIN_SIZE + ", " + FrameGenerator.MAX_SIZE + "], got " + size);
        }
        if (!(defectRate >= 0 && defectRate <= 1)) {
            throw new IllegalArgumentException("defect rate must be in [0, 1], got " + defectRate);
        }
        if (family == null) {
            throw new IllegalArgumentException("family is required");
        }
    }

    /** A camera looking at one fixed piece of the material. */
    public DatasetOptions(long seed, int frames, int calibration, int size, double defectRate, MaterialFamily family) {
        this(seed, frames, calibration, size, defectRate, family, false);
    }

    /** The defaults with the given seed. */
    public static DatasetOptions defaults(long seed) {
        return new DatasetOptions(
                seed, DEFAULT_FRAMES, DEFAULT_CALIBRATION, DEFAULT_SIZE, DEFAULT_DEFECT_RATE, DEFAULT_FAMILY);
    }

    /** How many test frames are defective. */
    public int defectiveFrames() {
        return (int) Math.round(frames * defectRate);
    }
}
