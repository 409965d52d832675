package io.ultraline.synth;

import static io.ultraline.synth.DefectPainter.uniform;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A crack: a dark fissure that wanders about a main heading in short jagged steps, tapers towards
 * both ends and throws off one or two thinner branches; a faint shadow lines its edges.
 */
final class CrackPainter implements DefectPainter {

    @Override
    public void paint(FloatImage f, SplittableRandom r, MaterialFamily family) {
        int n = f.size();
        double scale = Math.max(1, n / 128.0);
        double heading = uniform(r, 0, 2 * Math.PI);
        double[][] main = walk(
                r,
                n,
                n * uniform(r, 0.3, 0.7),
                n * uniform(r, 0.3, 0.7),
                heading,
                n * uniform(r, 0.25, 0.45),
                2.5 * scale);
        double width = scale * uniform(r, 0.6, 1.1);
        float[] cov = new float[n * n];
        float[] halo = new float[n * n];
        draw(n, main, width, cov, halo);
        int branches = 1 + r.nextInt(2);
        for (int b = 0; b < branches && main.length > 6; b++) {
            int at = main.length / 4 + r.nextInt(main.length / 2);
            double turn = (r.nextBoolean() ? 1 : -1) * uniform(r, 0.5, 1.1);
            double[][] branch =
                    walk(r, n, main[at][0], main[at][1], heading + turn, n * uniform(r, 0.08, 0.18), 2.2 * scale);
            draw(n, branch, width * 0.6, cov, halo);
        }
        Rgb gap = new Rgb(0.04f, 0.035f, 0.03f);
        for (int i = 0; i < cov.length; i++) {
            if (halo[i] > 0) {
                f.multiply(i % n, i / n, 1 - 0.25 * halo[i], 1 - 0.25 * halo[i], 1 - 0.25 * halo[i]);
            }
            if (cov[i] > 0) {
                f.blend(i % n, i / n, gap, 0.85 * cov[i]);
            }
        }
    }

    private static void draw(int n, double[][] pts, double width, float[] cov, float[] halo) {
        double[] half = new double[pts.length];
        double[] shadow = new double[pts.length];
        for (int i = 0; i < pts.length; i++) {
            double t = (double) i / (pts.length - 1);
            half[i] = width * (0.3 + 0.7 * StrictMath.sin(Math.PI * t));
            shadow[i] = half[i] + 0.8;
        }
        Shapes.polyline(n, pts, half, cov, null);
        Shapes.polyline(n, pts, shadow, halo, null);
    }

    /** A jagged random walk that keeps returning towards its heading; stops at the frame border. */
    private static double[][] walk(
            SplittableRandom r, int n, double x, double y, double heading, double length, double step) {
        List<double[]> pts = new ArrayList<>();
        pts.add(new double[] {x, y});
        double dir = heading;
        for (double done = 0; done < length; done += step) {
            dir = heading + 0.5 * (dir - heading) + uniform(r, -0.7, 0.7);
            x += step * StrictMath.cos(dir);
            y += step * StrictMath.sin(dir);
            if (x < 2 || y < 2 || x > n - 2 || y > n - 2) {
                break;
            }
            pts.add(new double[] {x, y});
        }
        return pts.toArray(new double[0][]);
    }
}
