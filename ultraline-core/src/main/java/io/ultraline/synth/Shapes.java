package io.ultraline.synth;

/** Geometry shared by textures and defect painters. */
final class Shapes {

    private Shapes() {}

    /** Distance from point (px, py) to the segment a-b. */
    static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = ax + t * dx - px;
        double ey = ay + t * dy - py;
        return Math.sqrt(ex * ex + ey * ey);
    }

    /** Where along the segment a-b (0..1) the point (px, py) projects, clamped. */
    static double segmentParam(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
        return t < 0 ? 0 : t > 1 ? 1 : t;
    }

    /** Pixel coverage of a stroke of half-width {@code half} at distance {@code d} (1-px ramp). */
    static double stroke(double d, double half) {
        double c = half + 0.5 - d;
        return c < 0 ? 0 : c > 1 ? 1 : c;
    }

    /** Points of a quadratic Bezier curve a, control c, end b. */
    static double[][] bezier(double ax, double ay, double cx, double cy, double bx, double by, int n) {
        double[][] pts = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n;
            double s = 1 - t;
            pts[i] = new double[] {s * s * ax + 2 * s * t * cx + t * t * bx, s * s * ay + 2 * s * t * cy + t * t * by};
        }
        return pts;
    }

    /**
     * Coverage of a polyline stroke whose half-width is given per vertex (linearly interpolated),
     * merged into {@code cov} by maximum; {@code along} (may be null) receives where along the
     * line (0..1) each covered pixel lies.
     */
    static void polyline(int size, double[][] pts, double[] half, float[] cov, float[] along) {
        int segs = pts.length - 1;
        for (int s = 0; s < segs; s++) {
            double ax = pts[s][0], ay = pts[s][1], bx = pts[s + 1][0], by = pts[s + 1][1];
            double reach = Math.max(half[s], half[s + 1]) + 1.5;
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, bx) - reach));
            int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(ax, bx) + reach));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, by) - reach));
            int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(ay, by) + reach));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    double t = segmentParam(px, py, ax, ay, bx, by);
                    double c = stroke(segmentDistance(px, py, ax, ay, bx, by), half[s] + (half[s + 1] - half[s]) * t);
                    int i = y * size + x;
                    if (c > cov[i]) {
                        cov[i] = (float) c;
                        if (along != null) {
                            along[i] = (float) ((s + t) / segs);
                        }
                    }
                }
            }
        }
    }
}
