package io.ultraline.synth;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The optics and electronics between surface and bytes: the camera's lighting gradient with small
 * per-frame jitter and a mild vignette, then Gaussian read noise plus signal-dependent shot noise,
 * then 8-bit quantisation.
 */
final class Sensor {

    /** Shot-noise variance per unit of signal, per unit of read-noise level. */
    private static final double SHOT = 0.02;

    private Sensor() {}

    /** Applies the set-up's lighting, jittered by {@code r} (brightness +-3 %, angle +-4 deg, strength +-10 %). */
    static void light(FloatImage img, CameraSetup s, SplittableRandom r) {
        double gain = 1 + 0.03 * (2 * r.nextDouble() - 1);
        double angle = Math.toRadians(s.lightAngleDeg() + 4 * (2 * r.nextDouble() - 1));
        double strength = s.lightStrength() * (1 + 0.1 * (2 * r.nextDouble() - 1));
        double dx = StrictMath.cos(angle);
        double dy = StrictMath.sin(angle);
        int n = img.size();
        float[] d = img.data();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double nx = (x + 0.5) / n - 0.5;
                double ny = (y + 0.5) / n - 0.5;
                double f = gain * (1 + 2 * strength * (nx * dx + ny * dy)) * (1 - 0.12 * (nx * nx + ny * ny));
                int i = 3 * (y * n + x);
                for (int c = 0; c < 3; c++) {
                    d[i + c] = Rgb.clamp(d[i + c] * f);
                }
            }
        }
    }

    /** Adds sensor noise and quantises to an 8-bit RGB image. */
    static BufferedImage expose(FloatImage img, double noiseLevel, SplittableRandom r) {
        int n = img.size();
        float[] d = img.data();
        BufferedImage out = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[n];
        double[] gauss = new double[2];
        int have = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int argb = 0;
                for (int c = 0; c < 3; c++) {
                    double v = d[3 * (y * n + x) + c];
                    if (noiseLevel > 0) {
                        if (have == 0) {
                            gaussianPair(r, gauss);
                            have = 2;
                        }
                        v += gauss[--have] * Math.sqrt(noiseLevel * noiseLevel + SHOT * noiseLevel * v);
                    }
                    argb = (argb << 8) | (int) Math.round(Rgb.clamp(v) * 255.0);
                }
                row[x] = argb;
            }
            out.setRGB(0, y, n, 1, row, 0, n);
        }
        return out;
    }

    // Box-Muller with StrictMath: the same numbers on every JVM, unlike nextGaussian().
    private static void gaussianPair(SplittableRandom r, double[] out) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        double radius = Math.sqrt(-2 * StrictMath.log(u1));
        out[0] = radius * StrictMath.cos(2 * Math.PI * u2);
        out[1] = radius * StrictMath.sin(2 * Math.PI * u2);
    }
}
