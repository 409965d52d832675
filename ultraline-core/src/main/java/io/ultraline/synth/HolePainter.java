package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.SplittableRandom;

/**
 * A hole (missing material): a jagged opening through which the dark background shows, slightly
 * lighter towards the lit side, with a torn rim that is bright where it faces the light and dark
 * where it faces away.
 */
final class HolePainter implements DefectPainter {

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        double radius = n * uniform(r, 0.045, 0.085);
        Blob blob = new Blob(
                r, uniform(r, radius + 4, n - radius - 4), uniform(r, radius + 4, n - radius - 4), radius, 0.15, 6);
        Rgb back = new Rgb(0.05f, 0.05f, 0.055f);
        Rgb depth = new Rgb(0.16f, 0.15f, 0.15f);
        double rimWidth = 1.6 * Math.max(1, n / 128.0);
        double wallWidth = 0.5 * radius;
        long tear = r.nextLong();
        int reach = blob.reach() + (int) Math.ceil(rimWidth);
        for (int y = (int) blob.cy - reach; y <= blob.cy + reach; y++) {
            for (int x = (int) blob.cx - reach; x <= blob.cx + reach; x++) {
                if (!f.contains(x, y)) {
                    continue;
                }
                double px = x + 0.5, py = y + 0.5;
                double d = blob.signedDistance(px, py) + 0.9 * Noise.value(tear, px * 0.6, py * 0.6);
                double side = ((px - blob.cx) + (py - blob.cy)) / (radius * 1.4142);
                if (d > 0 && d < rimWidth + 0.5) {
                    double k = 1 + 0.35 * side * (1 - d / (rimWidth + 0.5));
                    f.multiply(x, y, k, k, k);
                }
                double c = Math.max(0, Math.min(1, 0.5 - d));
                if (c > 0) {
                    // Through the opening: the dark background, and the cut wall of the material on
                    // the far (lower-right) side, which the light from the upper left reaches.
                    double wall = Math.max(0, side) * Noise.smoothstep(-wallWidth, 0, d);
                    Rgb inside = back.mix(f.pixel(x, y).scale(0.5), Math.min(1, 1.5 * wall));
                    f.blend(x, y, inside.mix(depth, 0.3 * (1 - wall)), c);
                }
            }
        }
    }
}
