package io.ultraline.model;

import io.ultraline.model.export.ModelExporter;
import io.ultraline.model.weights.RandomVitWeights;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import java.util.SplittableRandom;

/** Tiny random ViTs in timm naming, built by the tests themselves (shared by tests of other packages). */
public final class TinyVits {

    private TinyVits() {}

    public static VitConfig config(int image, int patch, int dim, int depth, int heads, boolean cls, int targetLayer) {
        return new VitConfig(
                image,
                patch,
                dim,
                depth,
                heads,
                dim * 2,
                true,
                1e-6f,
                cls,
                new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f},
                targetLayer);
    }

    /** Random weights; attention sharpened by scale so maps are not uniform. */
    public static VitWeights random(VitConfig c, long seed, float scale) {
        return RandomVitWeights.create(c, seed, scale);
    }

    /** A seeded random image batch in [0, 1], NHWC flattened. */
    public static float[] images(int batch, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[batch * size * size * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    /**
     * Weights whose attention follows token similarity: queries and keys are the same scaled
     * identity, positions are faint. Patches that look alike attend to each other, so ULTra maps
     * separate the regions of an image (plain random weights attend almost uniformly).
     */
    public static VitWeights structured(VitConfig c, long seed, float sharpness) {
        java.util.Map<String, WeightTensor> m =
                new java.util.LinkedHashMap<>(random(c, seed, 1f).asMap());
        int d = c.dim();
        for (int i = 0; i < c.depth(); i++) {
            float[] qkv = m.get("blocks." + i + ".attn.qkv.weight").data().clone();
            for (int r = 0; r < 2 * d; r++) {
                for (int col = 0; col < d; col++) {
                    qkv[r * d + col] = (r % d == col) ? sharpness : 0f;
                }
            }
            m.put("blocks." + i + ".attn.qkv.weight", new WeightTensor(new long[] {3L * d, d}, qkv));
            if (c.qkvBias()) {
                float[] bias = m.get("blocks." + i + ".attn.qkv.bias").data().clone();
                java.util.Arrays.fill(bias, 0, 2 * d, 0f);
                m.put("blocks." + i + ".attn.qkv.bias", new WeightTensor(new long[] {3L * d}, bias));
            }
        }
        float[] pos = m.get("pos_embed").data().clone();
        for (int i = 0; i < pos.length; i++) {
            pos[i] *= 0.05f;
        }
        m.put("pos_embed", new WeightTensor(m.get("pos_embed").shape(), pos));
        return VitWeights.of(m);
    }

    /** Exports a model to dir and returns its config. */
    public static VitConfig export(VitConfig c, VitWeights w, java.nio.file.Path dir) {
        ModelExporter.export(
                c,
                w,
                new ModelExporter.Identity("tiny-test", "0", java.util.Map.of("source", "test"), "Apache-2.0"),
                dir);
        return c;
    }
}
