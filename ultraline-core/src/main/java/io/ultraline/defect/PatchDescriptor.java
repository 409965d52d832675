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

    /**
     * Descriptors laid out value by value, so that the distances of one descriptor to all of them
     * are loops over the references with unit stride and no branch, which the JIT vectorises: a
     * mask asks for one per pixel of its search area, against a few hundred references. Each
     * distance sums its values in order, as one descriptor at a time would, so the nearest is the
     * same float. Holds scratch space: one per thread.
     */
    static final class Reference {
        private final int length;
        private final int count;
        /** {@code columns[i][j]}: value i of reference j. */
        private final float[][] columns;

        private final float[] sums;

        Reference(float[][] descriptors) {
            this.count = descriptors.length;
            this.length = count == 0 ? 0 : descriptors[0].length;
            this.columns = new float[length][count];
            for (int j = 0; j < count; j++) {
                if (descriptors[j].length != length) {
                    throw new IllegalArgumentException(
                            "reference descriptors of " + length + " and " + descriptors[j].length + " values");
                }
                for (int i = 0; i < length; i++) {
                    columns[i][j] = descriptors[j][i];
                }
            }
            this.sums = new float[count];
        }

        /** Per-pixel RMS colour distance from {@code v} to the nearest reference. */
        float nearest(float[] v) {
            if (count > 0 && v.length != length) {
                throw new IllegalArgumentException("a descriptor of " + v.length + " values against " + length);
            }
            java.util.Arrays.fill(sums, 0f);
            for (int i = 0; i < length; i++) {
                float value = v[i];
                float[] column = columns[i];
                for (int j = 0; j < count; j++) {
                    float e = value - column[j];
                    sums[j] += e * e;
                }
            }
            float best = Float.POSITIVE_INFINITY;
            for (int j = 0; j < count; j++) {
                best = Math.min(best, sums[j]);
            }
            return (float) Math.sqrt(best / (v.length / 3));
        }
    }
}
