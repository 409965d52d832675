package io.ultraline.ultra.render;

/** Colours for concepts (distinct hues) and for heatmaps (a perceptually ordered dark-to-bright ramp). */
public final class Palette {

    private static final int[] CONCEPTS = {
        0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8, 0xf58231, 0x911eb4, 0x46f0f0, 0xf032e6,
        0xbcf60c, 0xfabebe, 0x008080, 0xe6beff, 0x9a6324, 0xfffac8, 0x800000, 0xaaffc3,
    };

    /** Ramp stops from cold to hot: black-blue, purple, red, orange, yellow-white. */
    private static final int[][] HEAT = {
        {0, 0, 4},
        {40, 11, 84},
        {101, 21, 110},
        {159, 42, 99},
        {212, 72, 66},
        {245, 125, 21},
        {250, 193, 39},
        {252, 255, 164},
    };

    private Palette() {}

    /** RGB of concept c; cycles after 16 concepts with a darker shade. */
    public static int concept(int c) {
        int base = CONCEPTS[Math.floorMod(c, CONCEPTS.length)];
        if (Math.floorMod(c, 2 * CONCEPTS.length) >= CONCEPTS.length) {
            return ((base >> 1) & 0x7f7f7f);
        }
        return base;
    }

    /** RGB for t in [0, 1] (clamped). */
    public static int heat(double t) {
        double x = Math.max(0, Math.min(1, t)) * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) Math.floor(x));
        double f = x - i;
        int r = (int) Math.round(HEAT[i][0] + f * (HEAT[i + 1][0] - HEAT[i][0]));
        int g = (int) Math.round(HEAT[i][1] + f * (HEAT[i + 1][1] - HEAT[i][1]));
        int b = (int) Math.round(HEAT[i][2] + f * (HEAT[i + 1][2] - HEAT[i][2]));
        return (r << 16) | (g << 8) | b;
    }

    /** Alpha blend of two RGB colours; alpha is the weight of {@code top}. */
    public static int blend(int bottom, int top, double alpha) {
        int r = (int) Math.round(((bottom >> 16) & 0xff) * (1 - alpha) + ((top >> 16) & 0xff) * alpha);
        int g = (int) Math.round(((bottom >> 8) & 0xff) * (1 - alpha) + ((top >> 8) & 0xff) * alpha);
        int b = (int) Math.round((bottom & 0xff) * (1 - alpha) + (top & 0xff) * alpha);
        return (r << 16) | (g << 8) | b;
    }
}
