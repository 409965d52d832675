package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Brushed metal: many fine, long streaks along the brushing direction (noise stretched about a
 * hundredfold along it), broader bands of the same kind, a faint cross-grain sparkle and a soft
 * anisotropic sheen.
 */
final class BrushedMetalTexture implements SurfaceTexture {

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        boolean vertical = r.nextBoolean();
        long fine = r.nextLong();
        long broad = r.nextLong();
        long sparkle = r.nextLong();
        double sheenPhase = r.nextDouble() * 2 * Math.PI;
        double sheenPeriod = 90 + 60 * r.nextDouble();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double along = vertical ? p.unit(y) : p.unit(x);
                double across = vertical ? p.unit(x) : p.unit(y);
                double streak = Noise.fbm(fine, along * 0.012, across * 1.1, 3);
                double band = Noise.fbm(broad, along * 0.004, across * 0.18, 2);
                double grain = Noise.value(sparkle, along * 0.9, across * 2.2);
                double sheen = StrictMath.cos(2 * Math.PI * across / sheenPeriod + sheenPhase);
                double f = 1 + 0.16 * streak + 0.08 * band + 0.03 * grain + 0.05 * sheen;
                SurfaceTexture.put(rgb, y * size + x, p.base(), f);
            }
        }
    }
}
