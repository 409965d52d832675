package io.ultraline.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts timm-layout weights into the layout the graph multiplies with: linear weights
 * transposed to [in, out], the fused qkv split into q, k and v, the patch kernel as HWIO, and the
 * position embedding resized to the configured grid. Only blocks up to the target layer are kept,
 * since later blocks cannot influence the explained tokens.
 */
public final class GraphLayout {

    private GraphLayout() {
    }

    /** Graph-layout tensors by graph name, in a stable order. */
    public static Map<String, WeightTensor> prepare(VitWeights w, VitConfig c) {
        int weightGrid = w.positionGrid(c.hasClsToken());
        w.requireFits(c.withImageSize(weightGrid * c.patchSize()));
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        int d = c.dim();
        out.put("patch_kernel", oihwToHwio(w.get("patch_embed.proj.weight")));
        out.put("patch_bias", w.get("patch_embed.proj.bias"));
        if (c.hasClsToken()) {
            out.put("cls_token", w.get("cls_token"));
        }
        out.put("pos_embed", PositionEmbedding.resize(w.get("pos_embed"), weightGrid, c.gridSize(), c.hasClsToken()));
        for (int i = 0; i < c.targetLayer(); i++) {
            String b = "blocks." + i + ".";
            out.put(b + "norm1.gamma", w.get(b + "norm1.weight"));
            out.put(b + "norm1.beta", w.get(b + "norm1.bias"));
            WeightTensor qkv = w.get(b + "attn.qkv.weight");
            WeightTensor qkvBias = c.qkvBias() ? w.get(b + "attn.qkv.bias") : null;
            String[] parts = {"q", "k", "v"};
            for (int p = 0; p < 3; p++) {
                out.put(b + "w" + parts[p], transpose(rows(qkv, p * d, d)));
                out.put(b + "b" + parts[p], qkvBias == null
                        ? WeightTensor.of(new float[d], d)
                        : WeightTensor.of(java.util.Arrays.copyOfRange(qkvBias.data(), p * d, (p + 1) * d), d));
            }
            out.put(b + "proj.w", transpose(w.get(b + "attn.proj.weight")));
            out.put(b + "proj.b", w.get(b + "attn.proj.bias"));
            out.put(b + "norm2.gamma", w.get(b + "norm2.weight"));
            out.put(b + "norm2.beta", w.get(b + "norm2.bias"));
            out.put(b + "fc1.w", transpose(w.get(b + "mlp.fc1.weight")));
            out.put(b + "fc1.b", w.get(b + "mlp.fc1.bias"));
            out.put(b + "fc2.w", transpose(w.get(b + "mlp.fc2.weight")));
            out.put(b + "fc2.b", w.get(b + "mlp.fc2.bias"));
        }
        return out;
    }

    /** Rows [from, from + count) of a matrix. */
    static WeightTensor rows(WeightTensor m, int from, int count) {
        int cols = (int) m.dim(1);
        float[] data = java.util.Arrays.copyOfRange(m.data(), from * cols, (from + count) * cols);
        return WeightTensor.of(data, count, cols);
    }

    /** [out, in] to [in, out]. */
    static WeightTensor transpose(WeightTensor m) {
        int r = (int) m.dim(0);
        int c = (int) m.dim(1);
        float[] src = m.data();
        float[] dst = new float[src.length];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                dst[j * r + i] = src[i * c + j];
            }
        }
        return WeightTensor.of(dst, c, r);
    }

    /** PyTorch conv weight [out, in, h, w] to TensorFlow's [h, w, in, out]. */
    static WeightTensor oihwToHwio(WeightTensor k) {
        int o = (int) k.dim(0);
        int in = (int) k.dim(1);
        int h = (int) k.dim(2);
        int w = (int) k.dim(3);
        float[] src = k.data();
        float[] dst = new float[src.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < in; b++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        dst[((y * w + x) * in + b) * o + a] = src[((a * in + b) * h + y) * w + x];
                    }
                }
            }
        }
        return WeightTensor.of(dst, h, w, in, o);
    }
}
