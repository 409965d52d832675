package io.ultraline.synth;

/**
 * What a {@link SurfaceTexture} needs besides its random stream: the camera's base colour and the
 * size of one texture unit in canvas pixels.
 *
 * <p>A texture unit is one pixel of a 128-pixel frame at texture scale 1. Textures lay out their
 * features in units, so a camera with a larger frame or a finer canvas sees the same surface at a
 * higher resolution rather than a different surface.
 *
 * @param base   the dominant colour of the surface
 * @param unitPx canvas pixels per texture unit, positive
 */
public record SceneParams(Rgb base, double unitPx) {

    public SceneParams {
        if (base == null) {
            throw new IllegalArgumentException("base colour is required");
        }
        if (!(unitPx > 0)) {
            throw new IllegalArgumentException("unitPx must be positive, got " + unitPx);
        }
    }

    /** Texture-unit coordinate of the centre of canvas pixel {@code px}. */
    public double unit(int px) {
        return (px + 0.5) / unitPx;
    }
}
