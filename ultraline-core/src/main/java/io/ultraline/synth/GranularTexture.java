package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * A granular surface (sand, grit, abrasive paper): packed round grains on a jittered grid, each
 * shaded as a small sphere lit from the upper left, with grain-to-grain tone differences, a few
 * dark and light mineral grains, and dark binder showing in the gaps.
 */
final class GranularTexture implements SurfaceTexture {

    private static final double LX = -0.45, LY = -0.45, LZ = 0.77;

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        double cell = 3.0 + 1.4 * r.nextDouble();
        long seed = r.nextLong();
        Rgb base = p.base();
        Rgb dark = base.scale(0.35);
        Rgb light = base.mix(new Rgb(0.95f, 0.94f, 0.9f), 0.6);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double gu = p.unit(x) / cell;
                double gv = p.unit(y) / cell;
                int ci = (int) Math.floor(gu);
                int cj = (int) Math.floor(gv);
                double bestZ = -1;
                double shade = 0;
                long grain = 0;
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        long h = Noise.hash(seed, ci + di, cj + dj);
                        double cx = ci + di + 0.1 + 0.8 * Noise.unit(h);
                        double cy = cj + dj + 0.1 + 0.8 * Noise.unit(Noise.mix(h));
                        double rad = 0.5 + 0.3 * Noise.unit(Noise.mix(h + 1));
                        double nx = (gu - cx) / rad;
                        double ny = (gv - cy) / rad;
                        double d2 = nx * nx + ny * ny;
                        double z = Noise.unit(Noise.mix(h + 2)) + Math.sqrt(Math.max(0, 1 - d2));
                        if (d2 < 1 && z > bestZ) {
                            bestZ = z;
                            grain = h;
                            shade = Math.max(0, nx * LX + ny * LY + Math.sqrt(1 - d2) * LZ);
                        }
                    }
                }
                int pixel = y * size + x;
                if (bestZ < 0) {
                    SurfaceTexture.put(rgb, pixel, dark, 1);
                    continue;
                }
                double kind = Noise.unit(Noise.mix(grain + 3));
                Rgb c = kind < 0.1 ? dark.scale(1.3) : kind > 0.93 ? light : base;
                double tone = 0.8 + 0.35 * Noise.unit(Noise.mix(grain + 4));
                SurfaceTexture.put(rgb, pixel, c, tone * (0.45 + 0.75 * shade));
            }
        }
    }
}
