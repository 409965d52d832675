package io.ultraline.model;

import java.util.LinkedHashMap;
import java.util.Map;
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
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, WeightTensor> m = new LinkedHashMap<>();
        int d = c.dim();
        int p = c.patchSize();
        if (c.hasClsToken()) {
            m.put("cls_token", gauss(r, 0.5f, 1, 1, d));
        }
        m.put("pos_embed", gauss(r, 0.5f, 1, c.sequenceLength(), d));
        m.put("patch_embed.proj.weight", gauss(r, (float) (1 / Math.sqrt(3.0 * p * p)), d, 3, p, p));
        m.put("patch_embed.proj.bias", gauss(r, 0.1f, d));
        for (int i = 0; i < c.depth(); i++) {
            String b = "blocks." + i + ".";
            m.put(b + "norm1.weight", around(r, 1f, 0.1f, d));
            m.put(b + "norm1.bias", gauss(r, 0.1f, d));
            m.put(b + "attn.qkv.weight", gauss(r, scale / (float) Math.sqrt(d), 3 * d, d));
            if (c.qkvBias()) {
                m.put(b + "attn.qkv.bias", gauss(r, 0.1f, 3 * d));
            }
            m.put(b + "attn.proj.weight", gauss(r, 1 / (float) Math.sqrt(d), d, d));
            m.put(b + "attn.proj.bias", gauss(r, 0.1f, d));
            m.put(b + "norm2.weight", around(r, 1f, 0.1f, d));
            m.put(b + "norm2.bias", gauss(r, 0.1f, d));
            m.put(b + "mlp.fc1.weight", gauss(r, 1 / (float) Math.sqrt(d), c.mlpHidden(), d));
            m.put(b + "mlp.fc1.bias", gauss(r, 0.1f, c.mlpHidden()));
            m.put(b + "mlp.fc2.weight", gauss(r, 1 / (float) Math.sqrt(c.mlpHidden()), d, c.mlpHidden()));
            m.put(b + "mlp.fc2.bias", gauss(r, 0.1f, d));
        }
        m.put("norm.weight", around(r, 1f, 0.1f, d));
        m.put("norm.bias", gauss(r, 0.1f, d));
        return VitWeights.of(m);
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

    private static WeightTensor gauss(SplittableRandom r, float std, long... shape) {
        return around(r, 0f, std, shape);
    }

    private static WeightTensor around(SplittableRandom r, float mean, float std, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] d = new float[(int) n];
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + std * (float) gaussian(r);
        }
        return new WeightTensor(shape, d);
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(r.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
