package io.ultraline.defect;

/**
 * The colours of the frame a region step refines its masks on: RGB floats in [0, 1], row-major
 * HWC, the layout of {@code io.ultraline.frame.RgbImage} (kept separate so this package depends
 * on nothing but {@code io.ultraline.ultra}). The array is shared, not copied: callers must not
 * change it while a refinement runs.
 */
public record FramePixels(int width, int height, float[] rgb) {

    /** Checks the size against the array. */
    public FramePixels {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + " x " + height);
        }
        if (rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " RGB frame needs " + 3L * width * height
                    + " floats, got " + (rgb == null ? "none" : rgb.length));
        }
    }

    /** Pixel count. */
    public int size() {
        return width * height;
    }
}
