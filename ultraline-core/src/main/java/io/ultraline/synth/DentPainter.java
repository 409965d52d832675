package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.SplittableRandom;

/**
 * A dent or a spot. A dent is a smooth elliptical depression: its walls are shaded by a light from
 * the upper left (the wall facing the light brighter, the other darker) and its floor is slightly
 * darker. A spot is a soft-edged dark, brownish mark (burn, oxidation, weld spatter).
 */
final class DentPainter implements DefectPainter {

    private static final double LX = -0.7071, LY = -0.7071;

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        if (r.nextDouble() < 0.6) {
            dent(f, r, n);
        } else {
            spot(f, r, n);
        }
    }

    private static void dent(FloatImage f, SplittableRandom r, int n) {
        double radius = n * uniform(r, 0.07, 0.12);
        double aspect = uniform(r, 0.65, 1);
        double tilt = uniform(r, 0, Math.PI);
        double cos = StrictMath.cos(tilt), sin = StrictMath.sin(tilt);
        double cx = uniform(r, radius + 2, n - radius - 2);
        double cy = uniform(r, radius + 2, n - radius - 2);
        double depth = uniform(r, 0.9, 1.4);
        for (int y = (int) (cy - radius - 1); y <= cy + radius + 1; y++) {
            for (int x = (int) (cx - radius - 1); x <= cx + radius + 1; x++) {
                double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                double u = (cos * dx + sin * dy) / radius;
                double v = (-sin * dx + cos * dy) / (radius * aspect);
                double rho2 = u * u + v * v;
                if (rho2 >= 1) {
                    continue;
                }
                double h = (1 - rho2) * (1 - rho2);
                // Gradient of the depth h (pointing to the centre) in image axes. The surface is
                // z = -h, so its normal leans along +grad h and Lambert shading follows grad h . L:
                // the wall near the light is in shadow, the far wall catches the light.
                double su = -4 * (1 - rho2) * u, sv = -4 * (1 - rho2) * v / aspect;
                double gx = cos * su - sin * sv, gy = sin * su + cos * sv;
                double shade = (gx * LX + gy * LY) * 0.5;
                double k = 1 + depth * (0.6 * shade - 0.25 * h);
                f.multiply(x, y, k, k, k);
            }
        }
    }

    private static void spot(FloatImage f, SplittableRandom r, int n) {
        double radius = n * uniform(r, 0.045, 0.08);
        Blob blob = new Blob(
                r, uniform(r, radius + 3, n - radius - 3), uniform(r, radius + 3, n - radius - 3), radius, 0.2, 4);
        double dark = uniform(r, 0.3, 0.55);
        Rgb ink = f.meanLuma() < 0.3 ? new Rgb(0.62f, 0.45f, 0.25f) : null;
        int reach = blob.reach();
        for (int y = (int) blob.cy - reach; y <= blob.cy + reach; y++) {
            for (int x = (int) blob.cx - reach; x <= blob.cx + reach; x++) {
                double c = blob.coverage(x + 0.5, y + 0.5, radius * 0.5);
                if (c <= 0) {
                    continue;
                }
                if (ink != null) {
                    f.blend(x, y, ink, 0.7 * c);
                } else {
                    f.multiply(x, y, 1 - c * (1 - dark), 1 - c * (1 - dark * 0.9), 1 - c * (1 - dark * 0.75));
                }
            }
        }
    }
}
