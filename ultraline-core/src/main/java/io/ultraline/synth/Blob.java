package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * An irregular closed shape: a circle whose radius wobbles with angle (a few random harmonics),
 * stretched into an ellipse. Stains, holes, spots, particles and ink blots are blobs.
 */
final class Blob {

    final double cx, cy, radius;
    private final double aspect, cos, sin;
    private final double[] amp, phase;

    /**
     * @param roughness relative radius wobble, 0 for an ellipse; harmonics 2..{@code harmonics}
     */
    Blob(SplittableRandom r, double cx, double cy, double radius, double roughness, int harmonics) {
        this.cx = cx;
        this.cy = cy;
        this.radius = radius;
        this.aspect = 0.7 + 0.3 * r.nextDouble();
        double tilt = Math.PI * r.nextDouble();
        this.cos = StrictMath.cos(tilt);
        this.sin = StrictMath.sin(tilt);
        this.amp = new double[harmonics + 1];
        this.phase = new double[harmonics + 1];
        for (int k = 2; k <= harmonics; k++) {
            amp[k] = roughness * r.nextDouble() / Math.sqrt(k - 1);
            phase[k] = 2 * Math.PI * r.nextDouble();
        }
    }

    /** Distance in pixels from (x, y) to the outline, negative inside. */
    double signedDistance(double x, double y) {
        double dx = x - cx;
        double dy = y - cy;
        double u = cos * dx + sin * dy;
        double v = (-sin * dx + cos * dy) / aspect;
        double rho = Math.sqrt(u * u + v * v);
        return (rho - outline(StrictMath.atan2(v, u))) * Math.sqrt(aspect);
    }

    /** Position relative to the outline: 0 at the centre, 1 on it, above 1 outside. */
    double normalised(double x, double y) {
        double dx = x - cx;
        double dy = y - cy;
        double u = cos * dx + sin * dy;
        double v = (-sin * dx + cos * dy) / aspect;
        return Math.sqrt(u * u + v * v) / outline(StrictMath.atan2(v, u));
    }

    /** Coverage in [0, 1] with an edge ramp {@code soft} pixels wide (at least 1, anti-aliasing). */
    double coverage(double x, double y, double soft) {
        double w = Math.max(1, soft);
        double c = 0.5 - signedDistance(x, y) / w;
        return c < 0 ? 0 : c > 1 ? 1 : c;
    }

    /** The largest distance from the centre at which the shape can reach, with a margin. */
    int reach() {
        double wobble = 1;
        for (double a : amp) {
            wobble += a;
        }
        return (int) Math.ceil(radius * wobble + 4);
    }

    private double outline(double angle) {
        double f = 1;
        for (int k = 2; k < amp.length; k++) {
            f += amp[k] * StrictMath.cos(k * angle + phase[k]);
        }
        return radius * Math.max(0.35, f);
    }
}
