package io.ultraline.model.weights;

import io.ultraline.model.VitConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random ViT weights in timm naming, for benchmarks, tests and as the starting point of
 * training. {@code attentionScale} multiplies the qkv weights: plain random ViTs attend almost
 * uniformly, a larger scale makes attention follow token similarity.
 */
public final class RandomVitWeights {

    private RandomVitWeights() {}

    public static VitWeights create(VitConfig c, long seed, float attentionScale) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, WeightTensor> m = new LinkedHashMap<>();
        int d = c.dim();
        int p = c.patchSize();
        if (c.hasClsToken()) {
            m.put("cls_token", gauss(r, 0f, 0.5f, 1, 1, d));
        }
        m.put("pos_embed", gauss(r, 0f, 0.5f, 1, c.sequenceLength(), d));
        m.put("patch_embed.proj.weight", gauss(r, 0f, (float) (1 / Math.sqrt(3.0 * p * p)), d, 3, p, p));
        m.put("patch_embed.proj.bias", gauss(r, 0f, 0.1f, d));
        for (int i = 0; i < c.depth(); i++) {
            String b = "blocks." + i + ".";
            m.put(b + "norm1.weight", gauss(r, 1f, 0.1f, d));
            m.put(b + "norm1.bias", gauss(r, 0f, 0.1f, d));
            m.put(b + "attn.qkv.weight", gauss(r, 0f, attentionScale / (float) Math.sqrt(d), 3 * d, d));
            if (c.qkvBias()) {
                m.put(b + "attn.qkv.bias", gauss(r, 0f, 0.1f, 3 * d));
            }
            m.put(b + "attn.proj.weight", gauss(r, 0f, 1 / (float) Math.sqrt(d), d, d));
            m.put(b + "attn.proj.bias", gauss(r, 0f, 0.1f, d));
            m.put(b + "norm2.weight", gauss(r, 1f, 0.1f, d));
            m.put(b + "norm2.bias", gauss(r, 0f, 0.1f, d));
            m.put(b + "mlp.fc1.weight", gauss(r, 0f, 1 / (float) Math.sqrt(d), c.mlpHidden(), d));
            m.put(b + "mlp.fc1.bias", gauss(r, 0f, 0.1f, c.mlpHidden()));
            m.put(b + "mlp.fc2.weight", gauss(r, 0f, 1 / (float) Math.sqrt(c.mlpHidden()), d, c.mlpHidden()));
            m.put(b + "mlp.fc2.bias", gauss(r, 0f, 0.1f, d));
        }
        m.put("norm.weight", gauss(r, 1f, 0.1f, d));
        m.put("norm.bias", gauss(r, 0f, 0.1f, d));
        return VitWeights.of(m);
    }

    private static WeightTensor gauss(SplittableRandom r, float mean, float std, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] d = new float[(int) n];
        for (int i = 0; i < d.length; i++) {
            double u = Math.max(r.nextDouble(), 1e-12);
            d[i] = mean + std * (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble()));
        }
        return new WeightTensor(shape, d);
    }
}
