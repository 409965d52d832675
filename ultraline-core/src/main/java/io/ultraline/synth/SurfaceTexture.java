package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Renders the defect-free look of one material onto a square canvas, in the surface's own frame
 * (no camera pose, lighting or noise: {@link FrameGenerator} adds those).
 *
 * <p>Implementations must be pure functions of their arguments: the random stream comes from the
 * camera seed, so one camera always looks at the same surface.
 */
public interface SurfaceTexture {

    /**
     * Fills {@code rgb} (interleaved R, G, B, row-major, {@code size * size * 3} values in [0, 1]).
     *
     * @param rgb  the canvas to overwrite
     * @param size canvas side in pixels
     * @param r    the camera's random stream (layout, orientation, noise seeds)
     * @param p    base colour and texture-unit size
     */
    void render(float[] rgb, int size, SplittableRandom r, SceneParams p);

    /** Stores one pixel, clamping each channel to [0, 1]. */
    static void put(float[] rgb, int pixel, double r, double g, double b) {
        rgb[3 * pixel] = Rgb.clamp(r);
        rgb[3 * pixel + 1] = Rgb.clamp(g);
        rgb[3 * pixel + 2] = Rgb.clamp(b);
    }

    /** Stores {@code c * f}, clamped. */
    static void put(float[] rgb, int pixel, Rgb c, double f) {
        put(rgb, pixel, c.r() * f, c.g() * f, c.b() * f);
    }
}
