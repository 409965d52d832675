package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts timm-layout weights into the layout the graph multiplies with: linear weights
 * transposed to [in, out], the fused qkv split into q, k and v, the patch kernel as HWIO, and the
 * position embedding resized to the configured grid. Only blocks up to the target layer are kept,
 * since later blocks cannot influence the explained tokens.
 */
public final class GraphLayout {

    private GraphLayout() {}

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
                out.put(
                        b + "b" + parts[p],
                        qkvBias == null
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

    /**
     * The inverse of {@link #prepare} for a layout that holds every block (a trained model):
     * timm-layout weights ready for export or a .safetensors file. Position embeddings stay at
     * the layout's grid.
     */
    public static VitWeights toTimm(Map<String, WeightTensor> layout, VitConfig c) {
        Map<String, WeightTensor> out = new LinkedHashMap<>();
        int d = c.dim();
        out.put("patch_embed.proj.weight", hwioToOihw(layout.get("patch_kernel")));
        out.put("patch_embed.proj.bias", layout.get("patch_bias"));
        if (c.hasClsToken()) {
            out.put("cls_token", layout.get("cls_token"));
        }
        out.put("pos_embed", layout.get("pos_embed"));
        for (int i = 0; i < c.depth(); i++) {
            String b = "blocks." + i + ".";
            if (!layout.containsKey(b + "wq")) {
                throw new IllegalArgumentException(
                        "layout lacks block " + i + ": only a full-depth layout converts back");
            }
            out.put(b + "norm1.weight", layout.get(b + "norm1.gamma"));
            out.put(b + "norm1.bias", layout.get(b + "norm1.beta"));
            float[] qkv = new float[3 * d * d];
            float[] qkvBias = new float[3 * d];
            String[] parts = {"q", "k", "v"};
            for (int p = 0; p < 3; p++) {
                System.arraycopy(transpose(layout.get(b + "w" + parts[p])).data(), 0, qkv, p * d * d, d * d);
                System.arraycopy(layout.get(b + "b" + parts[p]).data(), 0, qkvBias, p * d, d);
            }
            out.put(b + "attn.qkv.weight", WeightTensor.of(qkv, 3L * d, d));
            if (c.qkvBias()) {
                out.put(b + "attn.qkv.bias", WeightTensor.of(qkvBias, 3L * d));
            }
            out.put(b + "attn.proj.weight", transpose(layout.get(b + "proj.w")));
            out.put(b + "attn.proj.bias", layout.get(b + "proj.b"));
            out.put(b + "norm2.weight", layout.get(b + "norm2.gamma"));
            out.put(b + "norm2.bias", layout.get(b + "norm2.beta"));
            out.put(b + "mlp.fc1.weight", transpose(layout.get(b + "fc1.w")));
            out.put(b + "mlp.fc1.bias", layout.get(b + "fc1.b"));
            out.put(b + "mlp.fc2.weight", transpose(layout.get(b + "fc2.w")));
            out.put(b + "mlp.fc2.bias", layout.get(b + "fc2.b"));
        }
        for (String extra : new String[] {"norm.weight", "norm.bias"}) {
            if (layout.containsKey(extra)) {
                out.put(extra, layout.get(extra));
            }
        }
        return VitWeights.of(out);
    }

    /** TensorFlow's [h, w, in, out] back to PyTorch's [out, in, h, w]. */
    static WeightTensor hwioToOihw(WeightTensor k) {
        int h = (int) k.dim(0);
        int w = (int) k.dim(1);
        int in = (int) k.dim(2);
        int o = (int) k.dim(3);
        float[] src = k.data();
        float[] dst = new float[src.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < in; b++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        dst[((a * in + b) * h + y) * w + x] = src[((y * w + x) * in + b) * o + a];
                    }
                }
            }
        }
        return WeightTensor.of(dst, o, in, h, w);
    }
}
