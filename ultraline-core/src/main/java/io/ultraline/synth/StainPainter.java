package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.SplittableRandom;

/**
 * A stain or discolouration: a large, irregular, translucent patch (coffee brown, oil, rust
 * yellow or bleached) with a soft edge, a darker tide-mark rim and a mottled interior.
 */
final class StainPainter implements DefectPainter {

    private static final Rgb[] INKS = {
        new Rgb(0.42f, 0.27f, 0.13f),
        new Rgb(0.16f, 0.15f, 0.12f),
        new Rgb(0.8f, 0.62f, 0.2f),
        new Rgb(0.93f, 0.91f, 0.84f)
    };

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        double radius = n * uniform(r, 0.07, 0.13);
        Blob blob = new Blob(r, n * uniform(r, 0.15, 0.85), n * uniform(r, 0.15, 0.85), radius, 0.3, 5);
        Rgb ink = Inks.contrasting(r, f.meanColour(), 0.25, INKS);
        double opacity = uniform(r, 0.4, 0.65);
        long mottle = r.nextLong();
        int reach = blob.reach();
        for (int y = (int) blob.cy - reach; y <= blob.cy + reach; y++) {
            for (int x = (int) blob.cx - reach; x <= blob.cx + reach; x++) {
                double c = blob.coverage(x + 0.5, y + 0.5, 3);
                if (c <= 0) {
                    continue;
                }
                double rim = Noise.smoothstep(0.7, 0.95, blob.normalised(x + 0.5, y + 0.5));
                double inner = 0.85 + 0.15 * Noise.value(mottle, x * 0.15, y * 0.15);
                f.blend(x, y, ink, c * opacity * (inner + 0.5 * rim));
            }
        }
    }
}
