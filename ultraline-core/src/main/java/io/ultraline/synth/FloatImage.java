package io.ultraline.synth;

/**
 * A square, mutable RGB image with float channels in [0, 1] (interleaved, row-major): the working
 * surface that lighting and defect painters draw on before sensor noise and 8-bit quantisation.
 */
public final class FloatImage {

    private final int size;
    private final float[] rgb;

    /** A black image of {@code size * size} pixels. */
    public FloatImage(int size) {
        this(size, new float[size * size * 3]);
    }

    FloatImage(int size, float[] rgb) {
        if (size <= 0 || rgb.length != size * size * 3) {
            throw new IllegalArgumentException("need size * size * 3 channels for size " + size);
        }
        this.size = size;
        this.rgb = rgb;
    }

    public int size() {
        return size;
    }

    public boolean contains(int x, int y) {
        return x >= 0 && y >= 0 && x < size && y < size;
    }

    /** Channel {@code c} (0 R, 1 G, 2 B) at (x, y). */
    public float get(int x, int y, int c) {
        return rgb[3 * (y * size + x) + c];
    }

    public void set(int x, int y, int c, double v) {
        rgb[3 * (y * size + x) + c] = Rgb.clamp(v);
    }

    public Rgb pixel(int x, int y) {
        int i = 3 * (y * size + x);
        return new Rgb(rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    /** Moves pixel (x, y) towards colour {@code c} by {@code t} in [0, 1]. */
    public void blend(int x, int y, Rgb c, double t) {
        if (t <= 0 || !contains(x, y)) {
            return;
        }
        int i = 3 * (y * size + x);
        rgb[i] = Rgb.clamp(rgb[i] + (c.r() - rgb[i]) * t);
        rgb[i + 1] = Rgb.clamp(rgb[i + 1] + (c.g() - rgb[i + 1]) * t);
        rgb[i + 2] = Rgb.clamp(rgb[i + 2] + (c.b() - rgb[i + 2]) * t);
    }

    /** Multiplies pixel (x, y) channel-wise by (fr, fg, fb), clamped. */
    public void multiply(int x, int y, double fr, double fg, double fb) {
        if (!contains(x, y)) {
            return;
        }
        int i = 3 * (y * size + x);
        rgb[i] = Rgb.clamp(rgb[i] * fr);
        rgb[i + 1] = Rgb.clamp(rgb[i + 1] * fg);
        rgb[i + 2] = Rgb.clamp(rgb[i + 2] * fb);
    }

    /** Mean Rec. 601 luma over the whole image. */
    public double meanLuma() {
        double s = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            s += 0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2];
        }
        return s / (size * size);
    }

    /** Mean colour over the whole image. */
    public Rgb meanColour() {
        double r = 0, g = 0, b = 0;
        for (int i = 0; i < rgb.length; i += 3) {
            r += rgb[i];
            g += rgb[i + 1];
            b += rgb[i + 2];
        }
        int n = size * size;
        return new Rgb(Rgb.clamp(r / n), Rgb.clamp(g / n), Rgb.clamp(b / n));
    }

    public FloatImage copy() {
        return new FloatImage(size, rgb.clone());
    }

    /** The largest channel difference to {@code o} at each pixel. */
    float[] maxAbsDiff(FloatImage o) {
        float[] d = new float[size * size];
        for (int p = 0; p < d.length; p++) {
            float m = 0;
            for (int c = 0; c < 3; c++) {
                m = Math.max(m, Math.abs(rgb[3 * p + c] - o.rgb[3 * p + c]));
            }
            d[p] = m;
        }
        return d;
    }

    float[] data() {
        return rgb;
    }
}
