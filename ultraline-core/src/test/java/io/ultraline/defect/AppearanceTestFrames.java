package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small textured model inputs for the raw-pixel channel's tests: stripes plus noise, one per seed. */
final class AppearanceTestFrames {

    static final int SIZE = 32;

    private AppearanceTestFrames() {}

    /** A good frame: soft diagonal stripes whose phase and noise vary with the seed. */
    static float[] good(long seed) {
        return good(seed, SIZE);
    }

    /** As {@link #good(long)}, {@code size} square. */
    static float[] good(long seed, int size) {
        SplittableRandom r = new SplittableRandom(seed);
        double phase = r.nextDouble() * 6.28;
        float[] rgb = new float[size * size * 3];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = (float) (0.5 + 0.2 * Math.sin((x + y) * 0.6 + phase) + 0.02 * r.nextGaussian());
                for (int c = 0; c < 3; c++) {
                    rgb[(y * size + x) * 3 + c] = v * (0.8f + 0.1f * c);
                }
            }
        }
        return rgb;
    }

    /** A good frame with a saturated red square of side 5 at (x0, y0). */
    static float[] withSpot(long seed, int x0, int y0) {
        return withSpot(seed, x0, y0, SIZE);
    }

    /** As {@link #withSpot(long, int, int)}, {@code size} square. */
    static float[] withSpot(long seed, int x0, int y0, int size) {
        float[] rgb = good(seed, size);
        for (int y = y0; y < y0 + 5; y++) {
            for (int x = x0; x < x0 + 5; x++) {
                rgb[(y * size + x) * 3] = 1f;
                rgb[(y * size + x) * 3 + 1] = 0f;
                rgb[(y * size + x) * 3 + 2] = 0f;
            }
        }
        return rgb;
    }

    static List<float[]> goods(int count, long seed) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(good(seed + i));
        }
        return out;
    }
}
