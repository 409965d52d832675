package io.ultraline.frame;

/**
 * Resizes an RGB image to the model's square input. Downscaling averages the exact source area
 * under each target pixel (box filter, no aliasing); upscaling interpolates bilinearly with
 * half-pixel centres. Pure arithmetic in double, so results are identical on every JVM.
 */
public final class Resize {

    private Resize() {}

    public static RgbImage to(RgbImage src, int width, int height) {
        if (src.width() == width && src.height() == height) {
            return src;
        }
        float[] horizontal = resample(src.pixels(), src.width(), src.height(), width, true);
        float[] both = resample(horizontal, width, src.height(), height, false);
        return new RgbImage(width, height, both);
    }

    /** Resamples one axis: along x when {@code alongX}, else along y. */
    private static float[] resample(float[] in, int w, int h, int target, boolean alongX) {
        int srcLen = alongX ? w : h;
        int outW = alongX ? target : w;
        int outH = alongX ? h : target;
        float[] out = new float[outW * outH * 3];
        double scale = (double) srcLen / target;
        for (int t = 0; t < target; t++) {
            double[] weights;
            int first;
            if (scale >= 1) {
                double lo = t * scale;
                double hi = lo + scale;
                first = (int) Math.floor(lo);
                int last = Math.min(srcLen - 1, (int) Math.ceil(hi) - 1);
                weights = new double[last - first + 1];
                for (int s = first; s <= last; s++) {
                    weights[s - first] = (Math.min(hi, s + 1) - Math.max(lo, s)) / scale;
                }
            } else {
                double pos = Math.max(0, Math.min(srcLen - 1, (t + 0.5) * scale - 0.5));
                first = (int) Math.floor(pos);
                double frac = pos - first;
                weights = first + 1 < srcLen ? new double[] {1 - frac, frac} : new double[] {1};
            }
            int lines = alongX ? h : w;
            for (int line = 0; line < lines; line++) {
                for (int ch = 0; ch < 3; ch++) {
                    double acc = 0;
                    for (int k = 0; k < weights.length; k++) {
                        int s = first + k;
                        int idx = alongX ? (line * w + s) : (s * w + line);
                        acc += weights[k] * in[idx * 3 + ch];
                    }
                    int o = alongX ? (line * outW + t) : (t * outW + line);
                    out[o * 3 + ch] = (float) acc;
                }
            }
        }
        return out;
    }
}
