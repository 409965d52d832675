package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.SplittableRandom;

/**
 * A misprint. On patterned surfaces (tiles, circuit boards, fabric) it is usually a broken patch
 * of the pattern: a rectangle whose content is shifted against its surroundings (misregistration)
 * or faded out (ink dropout), so the pattern breaks at its edges. Otherwise it is a wrong-colour
 * ink blot with a few spatter dots.
 */
final class MisprintPainter implements DefectPainter {

    private static final Rgb[] INKS = {
        new Rgb(0.8f, 0.1f, 0.1f),
        new Rgb(0.1f, 0.2f, 0.75f),
        new Rgb(0.05f, 0.05f, 0.05f),
        new Rgb(0.75f, 0.1f, 0.6f),
        new Rgb(0.1f, 0.65f, 0.75f),
        new Rgb(0.95f, 0.85f, 0.1f)
    };

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        if (family.patterned() && r.nextDouble() < 0.75) {
            shiftedPatch(f, r);
        } else {
            blot(f, r);
        }
    }

    private static void shiftedPatch(FloatImage f, SplittableRandom r) {
        int n = f.size();
        int w = (int) (n * uniform(r, 0.14, 0.26));
        int h = (int) (n * uniform(r, 0.14, 0.26));
        int x0 = (int) uniform(r, 0, n - w);
        int y0 = (int) uniform(r, 0, n - h);
        double a = uniform(r, 0, 2 * Math.PI);
        double m = n * uniform(r, 0.03, 0.07);
        int dx = (int) Math.round(m * StrictMath.cos(a));
        int dy = (int) Math.round(m * StrictMath.sin(a));
        double cast = uniform(r, 0.85, 1.1);
        boolean dropout = r.nextBoolean();
        Rgb blank = f.meanColour();
        FloatImage src = f.copy();
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if (dropout) {
                    // Ink or layer missing: the pattern fades towards the plain surface colour.
                    f.blend(x, y, blank, 0.75);
                    continue;
                }
                int sx = Math.max(0, Math.min(n - 1, x + dx));
                int sy = Math.max(0, Math.min(n - 1, y + dy));
                for (int c = 0; c < 3; c++) {
                    f.set(x, y, c, src.get(sx, sy, c) * cast);
                }
            }
        }
    }

    private static void blot(FloatImage f, SplittableRandom r) {
        int n = f.size();
        double radius = n * uniform(r, 0.05, 0.09);
        Blob blob = new Blob(
                r, uniform(r, radius + 4, n - radius - 4), uniform(r, radius + 4, n - radius - 4), radius, 0.2, 6);
        Rgb ink = Inks.farthest(r, f.meanColour(), INKS);
        double opacity = uniform(r, 0.75, 0.95);
        paint(f, blob, ink, opacity);
        int dots = 2 + r.nextInt(4);
        for (int k = 0; k < dots; k++) {
            double a = uniform(r, 0, 2 * Math.PI);
            double d = radius * uniform(r, 1.2, 1.7);
            paint(
                    f,
                    new Blob(
                            r,
                            blob.cx + d * StrictMath.cos(a),
                            blob.cy + d * StrictMath.sin(a),
                            n * uniform(r, 0.006, 0.014),
                            0.1,
                            3),
                    ink,
                    opacity);
        }
    }

    private static void paint(FloatImage f, Blob blob, Rgb ink, double opacity) {
        int reach = blob.reach();
        for (int y = (int) blob.cy - reach; y <= blob.cy + reach; y++) {
            for (int x = (int) blob.cx - reach; x <= blob.cx + reach; x++) {
                f.blend(x, y, ink, opacity * blob.coverage(x + 0.5, y + 0.5, 0));
            }
        }
    }
}
