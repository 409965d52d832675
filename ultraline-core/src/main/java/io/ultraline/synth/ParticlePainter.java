package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Foreign matter lying on the surface: a small cluster of rounded grains (swarf, dirt, plastic
 * chips) or a single fibre/hair, in a colour that is not the surface's, each casting a short soft
 * shadow down and to the right.
 */
final class ParticlePainter implements DefectPainter {

    private static final Rgb[] COLOURS = {
        new Rgb(0.07f, 0.07f, 0.08f),
        new Rgb(0.55f, 0.26f, 0.1f),
        new Rgb(0.93f, 0.93f, 0.9f),
        new Rgb(0.2f, 0.3f, 0.7f)
    };

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        double scale = Math.max(1, n / 128.0);
        Rgb colour = Inks.contrasting(r, f.meanColour(), 0.3, COLOURS);
        float[] body = new float[n * n];
        float[] shade = new float[n * n];
        float[] light = new float[n * n];
        if (r.nextDouble() < 0.55) {
            grains(r, n, body, shade, light);
        } else {
            double len = n * uniform(r, 0.15, 0.35);
            double a = uniform(r, 0, 2 * Math.PI);
            double cx = n * uniform(r, 0.25, 0.75), cy = n * uniform(r, 0.25, 0.75);
            double dx = StrictMath.cos(a) * len / 2, dy = StrictMath.sin(a) * len / 2;
            double[][] pts = Shapes.bezier(
                    cx - dx,
                    cy - dy,
                    cx + uniform(r, -0.4, 0.4) * len,
                    cy + uniform(r, -0.4, 0.4) * len,
                    cx + dx,
                    cy + dy,
                    32);
            double[] half = new double[pts.length];
            Arrays.fill(half, scale * uniform(r, 0.5, 0.8));
            Shapes.polyline(n, pts, half, body, null);
            for (int i = 0; i < pts.length; i++) {
                pts[i] = new double[] {pts[i][0] + 1.2 * scale, pts[i][1] + 1.2 * scale};
            }
            Shapes.polyline(n, pts, half, shade, null);
            Arrays.fill(light, 1f);
        }
        for (int i = 0; i < body.length; i++) {
            int x = i % n, y = i / n;
            double s = shade[i] * (1 - body[i]);
            if (s > 0) {
                f.multiply(x, y, 1 - 0.4 * s, 1 - 0.4 * s, 1 - 0.4 * s);
            }
            if (body[i] > 0) {
                double l = light[i];
                Rgb lit = l > 1 ? colour.mix(new Rgb(1f, 1f, 1f), Math.min(1, l - 1)) : colour.scale(l);
                f.blend(x, y, lit, body[i] * 0.95);
            }
        }
    }

    /** A few rounded grains, each shaded as a lump lit from the upper left with a small highlight. */
    private static void grains(SplittableRandom r, int n, float[] body, float[] shade, float[] light) {
        double scale = Math.max(1, n / 128.0);
        double cx = n * uniform(r, 0.15, 0.85), cy = n * uniform(r, 0.15, 0.85);
        int count = 2 + r.nextInt(5);
        for (int k = 0; k < count; k++) {
            double radius = n * uniform(r, 0.014, 0.03);
            double spread = k == 0 ? 0 : n * 0.06;
            Blob b = new Blob(r, cx + uniform(r, -spread, spread), cy + uniform(r, -spread, spread), radius, 0.2, 4);
            int reach = b.reach() + (int) Math.ceil(2 * scale);
            for (int y = Math.max(0, (int) b.cy - reach); y <= Math.min(n - 1, b.cy + reach); y++) {
                for (int x = Math.max(0, (int) b.cx - reach); x <= Math.min(n - 1, b.cx + reach); x++) {
                    int i = y * n + x;
                    double c = b.coverage(x + 0.5, y + 0.5, 0);
                    if (c > body[i]) {
                        body[i] = (float) c;
                        double nx = (x + 0.5 - b.cx) / radius, ny = (y + 0.5 - b.cy) / radius;
                        double facing = -0.7071 * (nx + ny);
                        double glint = StrictMath.exp(-((nx + 0.35) * (nx + 0.35) + (ny + 0.35) * (ny + 0.35)) * 12);
                        light[i] = (float) (0.75 + 0.35 * facing + 0.9 * glint);
                    }
                    shade[i] = (float) Math.max(shade[i], b.coverage(x + 0.5 - 1.5 * scale, y + 0.5 - 1.5 * scale, 2));
                }
            }
        }
    }
}
