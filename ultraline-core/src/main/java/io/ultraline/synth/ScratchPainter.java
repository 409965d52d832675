package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.SplittableRandom;

/**
 * A scratch: a thin, gently curved stroke, a quarter to over half the frame long, that catches the
 * light (bright) on dark or metallic surfaces and shows as a dark groove on light ones; its
 * intensity wavers along its length where the tool skipped.
 */
final class ScratchPainter implements DefectPainter {

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        double scale = Math.max(1, n / 128.0);
        double len = n * uniform(r, 0.25, 0.6);
        double angle = uniform(r, 0, Math.PI);
        double cx = n * uniform(r, 0.25, 0.75);
        double cy = n * uniform(r, 0.25, 0.75);
        double dx = StrictMath.cos(angle) * len / 2;
        double dy = StrictMath.sin(angle) * len / 2;
        double bend = len * uniform(r, -0.15, 0.15);
        double[][] pts = Shapes.bezier(
                cx - dx, cy - dy, cx - dy / len * 2 * bend, cy + dx / len * 2 * bend, cx + dx, cy + dy, 24);
        double width = scale * uniform(r, 0.45, 0.9);
        double[] half = new double[pts.length];
        for (int i = 0; i < half.length; i++) {
            double t = (double) i / (half.length - 1);
            half[i] = width * (0.5 + 0.5 * StrictMath.sin(Math.PI * t));
        }
        float[] cov = new float[n * n];
        float[] along = new float[n * n];
        Shapes.polyline(n, pts, half, cov, along);
        boolean bright = family == MaterialFamily.BRUSHED_METAL || f.meanLuma() < 0.5 || r.nextDouble() < 0.25;
        Rgb target = bright ? new Rgb(0.97f, 0.97f, 0.95f) : new Rgb(0.1f, 0.09f, 0.08f);
        double strength = uniform(r, 0.55, 0.85);
        long skip = r.nextLong();
        for (int i = 0; i < cov.length; i++) {
            if (cov[i] > 0) {
                double waver = 0.7 + 0.3 * Noise.value(skip, along[i] * 9, 0.5);
                f.blend(i % n, i / n, target, cov[i] * strength * waver);
            }
        }
    }
}
