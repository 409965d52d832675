package io.ultraline.model.export;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.VitConfig;
import io.ultraline.model.weights.Safetensors;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import io.ultraline.model.weights.WeightsDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a timm / DINO / DeiT ViT checkpoint in .safetensors into an ultraline SavedModel. The
 * architecture is read off the tensor shapes; only the number of heads cannot be, so it comes from
 * the options or the file's metadata, or the import fails saying so.
 */
public final class VitImporter {

    /**
     * @param heads       attention heads, or 0 to read "heads"/"num_heads" from the file metadata
     * @param mean        input normalisation mean (default 0.5 as in the original ViT and timm augreg)
     * @param std         input normalisation std
     * @param eps         LayerNorm epsilon (timm: 1e-6)
     * @param imageSize   run size in pixels, or 0 for the size the position embedding was trained at
     * @param targetLayer block to explain, or 0 for the last
     */
    public record Options(
            int heads,
            float[] mean,
            float[] std,
            float eps,
            int imageSize,
            int targetLayer,
            String name,
            String version,
            String licence) {

        public static Options defaults() {
            return new Options(
                    0,
                    new float[] {0.5f, 0.5f, 0.5f},
                    new float[] {0.5f, 0.5f, 0.5f},
                    1e-6f,
                    0,
                    0,
                    null,
                    "1",
                    "as licensed by the checkpoint's authors");
        }
    }

    private VitImporter() {}

    public static ModelManifest importFile(Path file, Options o, Path out) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        VitWeights w = VitWeights.of(contents.tensors());
        VitConfig c = inferConfig(w, contents.metadata(), o, file);
        List<String> problems = w.problemsFor(c.withImageSize(w.positionGrid(c.hasClsToken()) * c.patchSize()));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    file + " does not hold a ViT ultraline can build:\n  " + String.join("\n  ", problems));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("importedFrom", file.getFileName().toString());
        provenance.put("sourceSha256", sha256(file));
        provenance.put("importedAt", Instant.now().toString());
        provenance.put("ignoredTensors", w.ignoredNames());
        if (!contents.metadata().isEmpty()) {
            provenance.put("sourceMetadata", contents.metadata());
        }
        String name =
                o.name() != null ? o.name() : file.getFileName().toString().replaceFirst("\\.safetensors$", "");
        return ModelExporter.export(c, w, new ModelExporter.Identity(name, o.version(), provenance, o.licence()), out);
    }

    /** Architecture from tensor shapes plus the options. */
    public static VitConfig inferConfig(VitWeights w, Map<String, String> metadata, Options o, Path file) {
        if (w.has("dist_token")) {
            throw new IllegalArgumentException(file + " is a distilled DeiT (dist_token): its second extra token is"
                    + " not supported; use the non-distilled checkpoint");
        }
        if (!w.has("patch_embed.proj.weight") || !w.has("pos_embed")) {
            throw new IllegalArgumentException(file + " lacks patch_embed.proj.weight or pos_embed: not a ViT in"
                    + " timm naming (see the README on converting checkpoints)");
        }
        WeightTensor patch = w.get("patch_embed.proj.weight");
        if (patch.rank() != 4 || patch.dim(1) != 3 || patch.dim(2) != patch.dim(3)) {
            throw new IllegalArgumentException(
                    file + ": patch_embed.proj.weight has shape " + patch.shapeString() + ", expected [dim, 3, p, p]");
        }
        int dim = (int) patch.dim(0);
        int p = (int) patch.dim(2);
        boolean cls = w.has("cls_token");
        int grid = w.positionGrid(cls);
        int depth = w.blockCount();
        if (depth == 0) {
            throw new IllegalArgumentException(file + " has no blocks.{i} tensors");
        }
        int hidden = (int) w.get("blocks.0.mlp.fc1.weight").dim(0);
        boolean qkvBias = w.has("blocks.0.attn.qkv.bias");
        int heads = o.heads() > 0 ? o.heads() : headsFromMetadata(metadata, file);
        int size = o.imageSize() > 0 ? o.imageSize() : grid * p;
        int layer = o.targetLayer() > 0 ? o.targetLayer() : depth;
        return new VitConfig(size, p, dim, depth, heads, hidden, qkvBias, o.eps(), cls, o.mean(), o.std(), layer);
    }

    private static int headsFromMetadata(Map<String, String> metadata, Path file) {
        for (String key : List.of("heads", "num_heads", "num_attention_heads")) {
            String v = metadata.get(key);
            if (v != null) {
                try {
                    return Integer.parseInt(v.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + ": metadata " + key + "='" + v + "' is not a number");
                }
            }
        }
        throw new IllegalArgumentException("the number of attention heads cannot be read off the weights of " + file
                + " and its metadata has no 'heads'; pass --heads H (ViT-Ti: 3, ViT-S: 6, ViT-B: 12)");
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest sha = WeightsDigest.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
