package io.ultraline.defect;

/**
 * The colours of a square of pixels around one pixel (edges clamped), as one vector, and the
 * nearest-neighbour distance between such vectors. Distances are divided by the square root of
 * the pixel count, so they read as a per-pixel colour distance whatever the radius.
 */
final class PatchDescriptor {

    private final int radius;
    private final int side;

    PatchDescriptor(int radius) {
        if (radius < 0 || radius > 4) {
            throw new IllegalArgumentException("patch radius must be in 0..4, got " + radius);
        }
        this.radius = radius;
        this.side = 2 * radius + 1;
    }

    float[] at(FramePixels px, int p) {
        int w = px.width();
        int h = px.height();
        int x0 = p % w;
        int y0 = p / w;
        float[] rgb = px.rgb();
        float[] out = new float[3 * side * side];
        int at = 0;
        for (int dy = -radius; dy <= radius; dy++) {
            int y = Math.max(0, Math.min(h - 1, y0 + dy));
            for (int dx = -radius; dx <= radius; dx++) {
                int x = Math.max(0, Math.min(w - 1, x0 + dx));
                int q = 3 * (y * w + x);
                out[at++] = rgb[q];
                out[at++] = rgb[q + 1];
                out[at++] = rgb[q + 2];
            }
        }
        return out;
    }

    /** Descriptors of every other pixel of {@code pixels} from {@code offset}, thinned evenly to at most {@code max}. */
    float[][] sample(FramePixels px, int[] pixels, int offset, int max) {
        int half = (pixels.length - offset + 1) / 2;
        int count = Math.min(max, half);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = at(px, pixels[offset + 2 * (int) ((long) i * half / count)]);
        }
        return out;
    }

    /** Per-pixel RMS colour distance from {@code v} to the nearest of {@code reference}. */
    static float nearest(float[] v, float[][] reference) {
        float best = Float.POSITIVE_INFINITY;
        for (float[] r : reference) {
            float d = 0;
            for (int i = 0; i < v.length && d < best; i++) {
                float e = v[i] - r[i];
                d += e * e;
            }
            best = Math.min(best, d);
        }
        return (float) Math.sqrt(best / (v.length / 3));
    }
}
