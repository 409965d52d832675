package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * The small pose change of one frame relative to the camera's nominal view (the part never sits
 * exactly where the last one did), and the resampling of the surface canvas through it.
 *
 * @param shiftX   shift in frame pixels
 * @param shiftY   shift in frame pixels
 * @param angleRad rotation about the frame centre
 */
record CameraPose(double shiftX, double shiftY, double angleRad) {

    static final double MAX_ANGLE_DEG = 3.0;
    /** Canvas pixels per frame pixel: the canvas is drawn finer and box-filtered down. */
    static final int SUPERSAMPLE = 2;

    /** Largest shift, in frame pixels: 3 px at 128, proportionally more for larger frames. */
    static double maxShift(int size) {
        return Math.max(2.0, 3.0 * size / 128);
    }

    /** Side of the canvas that covers the frame at any allowed pose. */
    static int canvasSize(int size) {
        return (int) Math.ceil(SUPERSAMPLE * (size * 1.12 + 2 * maxShift(size) + 4));
    }

    static CameraPose random(SplittableRandom r, int size) {
        double m = maxShift(size);
        return new CameraPose(
                m * (2 * r.nextDouble() - 1),
                m * (2 * r.nextDouble() - 1),
                Math.toRadians(MAX_ANGLE_DEG * (2 * r.nextDouble() - 1)));
    }

    /** Samples the frame from the canvas through this pose: bilinear, 2x2 samples per pixel. */
    FloatImage view(float[] canvas, int canvasSize, int size) {
        FloatImage out = new FloatImage(size);
        float[] dst = out.data();
        double cos = StrictMath.cos(angleRad);
        double sin = StrictMath.sin(angleRad);
        double centre = canvasSize / 2.0;
        double half = size / 2.0;
        float norm = 1f / (SUPERSAMPLE * SUPERSAMPLE);
        float[] px = new float[3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float r = 0, g = 0, b = 0;
                for (int sy = 0; sy < SUPERSAMPLE; sy++) {
                    for (int sx = 0; sx < SUPERSAMPLE; sx++) {
                        double fx = x + (sx + 0.5) / SUPERSAMPLE - half;
                        double fy = y + (sy + 0.5) / SUPERSAMPLE - half;
                        double cx = centre + SUPERSAMPLE * (cos * fx - sin * fy + shiftX) - 0.5;
                        double cy = centre + SUPERSAMPLE * (sin * fx + cos * fy + shiftY) - 0.5;
                        bilinear(canvas, canvasSize, cx, cy, px);
                        r += px[0];
                        g += px[1];
                        b += px[2];
                    }
                }
                int i = 3 * (y * size + x);
                dst[i] = r * norm;
                dst[i + 1] = g * norm;
                dst[i + 2] = b * norm;
            }
        }
        return out;
    }

    private static void bilinear(float[] c, int n, double x, double y, float[] out) {
        int x0 = Math.max(0, Math.min(n - 2, (int) Math.floor(x)));
        int y0 = Math.max(0, Math.min(n - 2, (int) Math.floor(y)));
        float tx = (float) Math.max(0, Math.min(1, x - x0));
        float ty = (float) Math.max(0, Math.min(1, y - y0));
        int a = 3 * (y0 * n + x0);
        int b = a + 3;
        int d = a + 3 * n;
        int e = d + 3;
        for (int k = 0; k < 3; k++) {
            float top = c[a + k] + (c[b + k] - c[a + k]) * tx;
            float bottom = c[d + k] + (c[e + k] - c[d + k]) * tx;
            out[k] = top + (bottom - top) * ty;
        }
    }
}
