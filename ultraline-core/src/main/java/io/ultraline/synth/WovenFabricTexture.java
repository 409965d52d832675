package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Woven fabric: warp threads (the base colour) and weft threads (a lighter or contrasting yarn)
 * crossing in a plain or 2/2 twill weave; each thread is shaded as a round yarn that dips where it
 * passes under, with fibre noise along it and dark gaps between threads.
 */
final class WovenFabricTexture implements SurfaceTexture {

    private static final double THREAD_FILL = 0.82;

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        boolean twill = r.nextBoolean();
        double pitch = 5.0 + 2.0 * r.nextDouble();
        Rgb warp = p.base();
        Rgb weft = r.nextBoolean() ? warp.mix(new Rgb(0.92f, 0.9f, 0.86f), 0.75) : warp.scale(1.18);
        long fibre = r.nextLong();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double gu = p.unit(x) / pitch;
                double gv = p.unit(y) / pitch;
                int i = (int) Math.floor(gu);
                int j = (int) Math.floor(gv);
                double fu = gu - i;
                double fv = gv - j;
                boolean warpUp = twill ? Math.floorMod(i + j, 4) < 2 : Math.floorMod(i + j, 2) == 0;
                // Warp runs along y (its cross-section is fu), weft along x (cross-section fv).
                double warpShade = yarn(fu, fv, fibre, gu, gv);
                double weftShade = yarn(fv, fu, fibre + 1, gv, gu);
                int pixel = y * size + x;
                if (warpUp ? warpShade > 0 : weftShade <= 0 && warpShade > 0) {
                    SurfaceTexture.put(rgb, pixel, warp, warpShade * (warpUp ? 1 : 0.62));
                } else if (weftShade > 0) {
                    SurfaceTexture.put(rgb, pixel, weft, weftShade * (warpUp ? 0.62 : 1));
                } else {
                    SurfaceTexture.put(rgb, pixel, warp, 0.22);
                }
            }
        }
    }

    /** Brightness of a yarn at cross-section {@code c} and along-position {@code a}; 0 in a gap. */
    private static double yarn(double c, double a, long fibre, double cu, double av) {
        double t = (c - 0.5) / (THREAD_FILL / 2);
        if (Math.abs(t) >= 1) {
            return 0;
        }
        double round = Math.sqrt(1 - t * t);
        double dip = 0.72 + 0.28 * StrictMath.sin(Math.PI * a);
        double fibres = 0.1 * Noise.value(fibre, cu * 14, av * 1.5);
        return Math.max(0.05, (0.5 + 0.5 * round) * dip + fibres);
    }
}
