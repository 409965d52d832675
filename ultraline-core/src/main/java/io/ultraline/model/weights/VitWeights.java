package io.ultraline.model.weights;

import io.ultraline.model.VitConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ViT weights by timm name (cls_token, pos_embed, patch_embed.proj.*, blocks.{i}.*, norm.*), as
 * checkpoints of timm, DINO and DeiT name them. Knows which names an architecture needs and which
 * it may ignore, so an import can report missing and unexpected tensors by name.
 */
public final class VitWeights {

    private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d+)\\..*");
    /** Classifier heads and final norms: present in checkpoints, not used to explain tokens. */
    private static final Pattern IGNORABLE =
            Pattern.compile("(head|fc_norm|pre_logits|head_drop)(\\..*)?|norm\\.(weight|bias)");

    private final Map<String, WeightTensor> tensors;

    private VitWeights(Map<String, WeightTensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
    }

    public static VitWeights of(Map<String, WeightTensor> tensors) {
        return new VitWeights(tensors);
    }

    public Map<String, WeightTensor> asMap() {
        return tensors;
    }

    public boolean has(String name) {
        return tensors.containsKey(name);
    }

    /** The tensor, or an exception naming the missing tensor. */
    public WeightTensor get(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("weights lack tensor '" + name + "'");
        }
        return t;
    }

    /** Number of blocks, from the highest blocks.{i} index present. */
    public int blockCount() {
        int max = -1;
        for (String name : tensors.keySet()) {
            Matcher m = BLOCK.matcher(name);
            if (m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    /** Every tensor name and shape the architecture needs. */
    public static Map<String, long[]> expectedShapes(VitConfig c, int weightGrid) {
        Map<String, long[]> e = new TreeMap<>();
        long d = c.dim();
        int p = c.patchSize();
        if (c.hasClsToken()) {
            e.put("cls_token", new long[] {1, 1, d});
        }
        e.put("pos_embed", new long[] {1, (long) weightGrid * weightGrid + (c.hasClsToken() ? 1 : 0), d});
        e.put("patch_embed.proj.weight", new long[] {d, 3, p, p});
        e.put("patch_embed.proj.bias", new long[] {d});
        for (int i = 0; i < c.depth(); i++) {
            String b = "blocks." + i + ".";
            e.put(b + "norm1.weight", new long[] {d});
            e.put(b + "norm1.bias", new long[] {d});
            e.put(b + "attn.qkv.weight", new long[] {3 * d, d});
            if (c.qkvBias()) {
                e.put(b + "attn.qkv.bias", new long[] {3 * d});
            }
            e.put(b + "attn.proj.weight", new long[] {d, d});
            e.put(b + "attn.proj.bias", new long[] {d});
            e.put(b + "norm2.weight", new long[] {d});
            e.put(b + "norm2.bias", new long[] {d});
            e.put(b + "mlp.fc1.weight", new long[] {c.mlpHidden(), d});
            e.put(b + "mlp.fc1.bias", new long[] {c.mlpHidden()});
            e.put(b + "mlp.fc2.weight", new long[] {d, c.mlpHidden()});
            e.put(b + "mlp.fc2.bias", new long[] {d});
        }
        return e;
    }

    /** Patches per side that the position embedding was trained for. */
    public int positionGrid(boolean hasCls) {
        long tokens = get("pos_embed").dim(1) - (hasCls ? 1 : 0);
        int g = (int) Math.round(Math.sqrt(tokens));
        if ((long) g * g != tokens) {
            throw new IllegalArgumentException("pos_embed holds " + tokens + " patch positions, not a square grid");
        }
        return g;
    }

    /**
     * Problems with these weights for the given architecture, one line each: missing tensors,
     * wrong shapes, and unexpected tensors that are not known to be safe to ignore. Empty when
     * they fit.
     */
    public List<String> problemsFor(VitConfig c) {
        List<String> problems = new ArrayList<>();
        if (!has("pos_embed")) {
            problems.add("missing tensor 'pos_embed'");
            return problems;
        }
        Map<String, long[]> expected = expectedShapes(c, positionGrid(c.hasClsToken()));
        TreeSet<String> missing = new TreeSet<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            WeightTensor t = tensors.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!t.hasShape(e.getValue())) {
                problems.add("tensor '" + e.getKey() + "' has shape " + t.shapeString() + ", expected "
                        + java.util.Arrays.toString(e.getValue()));
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing tensors: " + String.join(", ", missing));
        }
        TreeSet<String> unexpected = new TreeSet<>();
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name) && !IGNORABLE.matcher(name).matches()) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors: " + String.join(", ", unexpected));
        }
        return problems;
    }

    /** Like {@link #problemsFor} but throws one exception listing them all. */
    public void requireFits(VitConfig c) {
        List<String> problems = problemsFor(c);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weights do not fit " + c + ":\n  " + String.join("\n  ", problems));
        }
    }

    /** Names present but not used by the graph (classifier heads, final norm). */
    public List<String> ignoredNames() {
        List<String> out = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (IGNORABLE.matcher(name).matches()) {
                out.add(name);
            }
        }
        return out;
    }
}
