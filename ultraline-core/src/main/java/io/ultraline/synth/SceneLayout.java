package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Where each material of a scene lies in one frame: a part id per pixel. Part ids are material
 * indexes of the camera ({@code 0..materials-1}), so one id means one material in every frame.
 * Implementations draw only from {@code r}, so a layout is a pure function of the frame's seed.
 */
interface SceneLayout {

    /** Fewest and most parts a frame shows. */
    int MIN_PARTS = 2, MAX_PARTS = 4;

    /** Redraws before a layout gives up on its area rules (it never should: they are loose). */
    int ATTEMPTS = 64;

    /**
     * @param materials the camera's materials, at least {@link #MIN_PARTS}
     * @return {@code size * size} part ids, row-major; 2 to 4 distinct ids
     */
    int[] parts(SplittableRandom r, int size, int materials);

    /** How many parts a frame shows: 2..min(4, materials), uniformly. */
    static int partCount(SplittableRandom r, int materials) {
        int most = Math.min(MAX_PARTS, materials);
        return MIN_PARTS + r.nextInt(most - MIN_PARTS + 1);
    }

    /** {@code k} distinct ids drawn from {@code from..to-1}, in drawn order. */
    static int[] distinct(SplittableRandom r, int k, int from, int to) {
        int[] pool = new int[to - from];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = from + i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(pool.length - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return java.util.Arrays.copyOf(pool, k);
    }

    /** Whether every id in {@code ids} covers at least {@code share} of the frame. */
    static boolean everyPartCovers(int[] parts, int[] ids, double share) {
        for (int id : ids) {
            int n = 0;
            for (int p : parts) {
                n += p == id ? 1 : 0;
            }
            if (n < share * parts.length) {
                return false;
            }
        }
        return true;
    }
}
