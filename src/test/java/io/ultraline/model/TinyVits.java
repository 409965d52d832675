package io.ultraline.model;

import java.util.SplittableRandom;

/** Tiny random ViTs in timm naming, built by the tests themselves. */
final class TinyVits {

    private TinyVits() {
    }

    static VitConfig config(int image, int patch, int dim, int depth, int heads, boolean cls, int targetLayer) {
        return new VitConfig(image, patch, dim, depth, heads, dim * 2, true, 1e-6f, cls,
                new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, targetLayer);
    }

    /** Random weights; attention sharpened by scale so maps are not uniform. */
    static VitWeights random(VitConfig c, long seed, float scale) {
        return RandomVitWeights.create(c, seed, scale);
    }

    /** A seeded random image batch in [0, 1], NHWC flattened. */
    static float[] images(int batch, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * size * size * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }
}
