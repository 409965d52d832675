package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Flat-sawn wood: growth rings as long, wavy bands along the grain (a gradual earlywood-to-latewood
 * darkening, then an abrupt step to the next ring), an arched "cathedral" figure, ring-to-ring
 * variation and fine pore streaks along the grain.
 */
final class WoodGrainTexture implements SurfaceTexture {

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        long warp = r.nextLong();
        long rings = r.nextLong();
        long pores = r.nextLong();
        double period = 7 + 4 * r.nextDouble();
        double archCentre = (0.3 + 0.4 * r.nextDouble()) * size / p.unitPx();
        double archBend = (r.nextBoolean() ? 1 : -1) * (0.0015 + 0.002 * r.nextDouble());
        Rgb early = p.base();
        Rgb late = new Rgb(early.r() * 0.62f, early.g() * 0.5f, early.b() * 0.42f);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = p.unit(x);
                double v = p.unit(y);
                double du = u - archCentre;
                double phase = (v + archBend * du * du + 9 * Noise.fbm(warp, u * 0.006, v * 0.03, 3)) / period;
                int ring = (int) Math.floor(phase);
                double t = phase - ring;
                double ringDepth = 0.75 + 0.5 * Noise.cell(rings, ring, 0);
                // Cubic darkening through the ring, plus a narrow dense latewood band just before the
                // next ring starts abruptly light.
                double dark = ringDepth * (t * t * t + 5 * Noise.smoothstep(0.9, 1.0, t) * (1 - t));
                double pore = Noise.value(pores, u * 0.08, v * 1.6);
                double f = 1 + 0.06 * pore - (pore > 0.55 ? 0.12 : 0);
                Rgb c = early.mix(late, Math.min(1, dark));
                SurfaceTexture.put(rgb, y * size + x, c, f);
            }
        }
    }
}
