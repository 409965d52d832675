package io.ultraline.synth;

/** A linear colour with channels in [0, 1]. */
public record Rgb(float r, float g, float b) {

    public Rgb {
        check("r", r);
        check("g", g);
        check("b", b);
    }

    /** Parses {@code #rrggbb}. */
    public static Rgb hex(String s) {
        if (s == null || !s.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("colour must look like #rrggbb, got " + s);
        }
        int v = Integer.parseInt(s.substring(1), 16);
        return new Rgb(((v >> 16) & 255) / 255f, ((v >> 8) & 255) / 255f, (v & 255) / 255f);
    }

    /** {@code #rrggbb}, rounded. */
    public String toHex() {
        return String.format("#%02x%02x%02x", Math.round(r * 255), Math.round(g * 255), Math.round(b * 255));
    }

    /** Rec. 601 luma. */
    public float luma() {
        return 0.299f * r + 0.587f * g + 0.114f * b;
    }

    /** Each channel times {@code f}, clamped to [0, 1]. */
    public Rgb scale(double f) {
        return new Rgb(clamp(r * f), clamp(g * f), clamp(b * f));
    }

    /** The straight mix {@code (1 - t) * this + t * o}. */
    public Rgb mix(Rgb o, double t) {
        return new Rgb(clamp(r + (o.r - r) * t), clamp(g + (o.g - g) * t), clamp(b + (o.b - b) * t));
    }

    static float clamp(double v) {
        return (float) (v < 0 ? 0 : v > 1 ? 1 : v);
    }

    private static void check(String name, float v) {
        if (!(v >= 0f && v <= 1f)) {
            throw new IllegalArgumentException("colour channel " + name + " must be in [0, 1], got " + v);
        }
    }
}
