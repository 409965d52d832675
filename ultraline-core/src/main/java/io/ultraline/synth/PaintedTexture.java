package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * A coated or painted panel: an even colour with orange-peel relief (fine bumps shaded by a light
 * from the upper left), faint large-scale mottling and a soft glossy highlight.
 */
final class PaintedTexture implements SurfaceTexture {

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        long peel = r.nextLong();
        long mottle = r.nextLong();
        double extent = size / p.unitPx();
        double hx = extent * (0.2 + 0.6 * r.nextDouble());
        double hy = extent * (0.2 + 0.6 * r.nextDouble());
        double spread = 2 * Math.pow(extent * (0.25 + 0.15 * r.nextDouble()), 2);
        double peelScale = 2.0 + r.nextDouble();
        Rgb base = p.base();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = p.unit(x);
                double v = p.unit(y);
                double slope = Noise.fbm(peel, (u + 0.35) / peelScale, (v + 0.35) / peelScale, 2)
                        - Noise.fbm(peel, (u - 0.35) / peelScale, (v - 0.35) / peelScale, 2);
                double f = 1 - 0.22 * slope + 0.03 * Noise.fbm(mottle, u / 45, v / 45, 2);
                double gloss = 0.22 * StrictMath.exp(-((u - hx) * (u - hx) + (v - hy) * (v - hy)) / spread);
                SurfaceTexture.put(
                        rgb,
                        y * size + x,
                        base.r() * f + gloss * (1 - base.r()),
                        base.g() * f + gloss * (1 - base.g()),
                        base.b() * f + gloss * (1 - base.b()));
            }
        }
    }
}
