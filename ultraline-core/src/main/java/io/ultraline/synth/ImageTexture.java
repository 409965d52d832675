package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * A photographed surface laid onto the canvas: the sample repeats as a tile (GIMP patterns are
 * seamless), one sample pixel per texture unit scaled by the camera's texture scale, from an offset
 * the camera's random stream picks. The sample's own colours are kept: a real surface is not
 * re-tinted to a palette colour.
 */
public final class ImageTexture implements SurfaceTexture {

    private final SurfaceImage sample;

    public ImageTexture(SurfaceImage sample) {
        this.sample = sample;
    }

    public SurfaceImage sample() {
        return sample;
    }

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        int w = sample.width();
        int h = sample.height();
        double ox = r.nextDouble() * w;
        double oy = r.nextDouble() * h;
        float[] s = sample.rgb();
        for (int y = 0; y < size; y++) {
            double v = p.unit(y) - 0.5 + oy;
            int y0 = (int) Math.floor(v);
            double fy = v - y0;
            int ya = Math.floorMod(y0, h);
            int yb = Math.floorMod(y0 + 1, h);
            for (int x = 0; x < size; x++) {
                double u = p.unit(x) - 0.5 + ox;
                int x0 = (int) Math.floor(u);
                double fx = u - x0;
                int xa = Math.floorMod(x0, w);
                int xb = Math.floorMod(x0 + 1, w);
                int o = 3 * (y * size + x);
                for (int c = 0; c < 3; c++) {
                    double top = s[3 * (ya * w + xa) + c] * (1 - fx) + s[3 * (ya * w + xb) + c] * fx;
                    double bottom = s[3 * (yb * w + xa) + c] * (1 - fx) + s[3 * (yb * w + xb) + c] * fx;
                    rgb[o + c] = Rgb.clamp(top * (1 - fy) + bottom * fy);
                }
            }
        }
    }
}
