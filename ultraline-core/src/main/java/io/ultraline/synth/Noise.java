package io.ultraline.synth;

/**
 * Hash-based procedural noise: lattice value noise and Perlin-style gradient noise, plus fractal
 * sums of them. Stateless and table-free, so a pattern is fully defined by its seed and can be
 * evaluated anywhere without precomputation.
 */
final class Noise {

    private Noise() {}

    /** A well-mixed 64-bit hash (the SplitMix64 finaliser). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Hash of a seed and two lattice coordinates. */
    static long hash(long seed, int x, int y) {
        return mix(seed ^ mix(x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL));
    }

    /** Hash of a seed and one more value (deriving seeds of independent streams). */
    static long hash(long seed, long salt) {
        return mix(seed ^ mix(salt + 0x632BE59BD9B4E019L));
    }

    /** A hash mapped to [0, 1). */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, 1) at a lattice point. */
    static double cell(long seed, int x, int y) {
        return unit(hash(seed, x, y));
    }

    /** Value noise in [-1, 1] with quintic interpolation. */
    static double value(long seed, double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = fade(x - ix);
        double fy = fade(y - iy);
        double a = cell(seed, ix, iy);
        double b = cell(seed, ix + 1, iy);
        double c = cell(seed, ix, iy + 1);
        double d = cell(seed, ix + 1, iy + 1);
        double top = a + (b - a) * fx;
        double bottom = c + (d - c) * fx;
        return 2 * (top + (bottom - top) * fy) - 1;
    }

    /** Gradient (Perlin-style) noise, roughly in [-1, 1]; zero at lattice points. */
    static double gradient(long seed, double x, double y) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        double fx = x - ix;
        double fy = y - iy;
        double n00 = dot(seed, ix, iy, fx, fy);
        double n10 = dot(seed, ix + 1, iy, fx - 1, fy);
        double n01 = dot(seed, ix, iy + 1, fx, fy - 1);
        double n11 = dot(seed, ix + 1, iy + 1, fx - 1, fy - 1);
        double u = fade(fx);
        double top = n00 + (n10 - n00) * u;
        double bottom = n01 + (n11 - n01) * u;
        return 1.4 * (top + (bottom - top) * fade(fy));
    }

    /** Fractal sum of gradient noise, normalised to roughly [-1, 1]. */
    static double fbm(long seed, double x, double y, int octaves) {
        double sum = 0;
        double amp = 1;
        double norm = 0;
        for (int o = 0; o < octaves; o++) {
            sum += amp * gradient(seed + o * 0x51ED27L, x, y);
            norm += amp;
            amp *= 0.5;
            x *= 2.03;
            y *= 2.03;
        }
        return sum / norm;
    }

    static double smoothstep(double e0, double e1, double x) {
        double t = (x - e0) / (e1 - e0);
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        return t * t * (3 - 2 * t);
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    // Eight unit-ish gradient directions picked by the hash; no trigonometry needed.
    private static double dot(long seed, int ix, int iy, double dx, double dy) {
        switch ((int) (hash(seed, ix, iy) >>> 61)) {
            case 0:
                return dx + dy;
            case 1:
                return -dx + dy;
            case 2:
                return dx - dy;
            case 3:
                return -dx - dy;
            case 4:
                return 1.4142 * dx;
            case 5:
                return -1.4142 * dx;
            case 6:
                return 1.4142 * dy;
            default:
                return -1.4142 * dy;
        }
    }
}
