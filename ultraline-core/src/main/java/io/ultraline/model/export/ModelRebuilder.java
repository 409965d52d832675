package io.ultraline.model.export;

import io.ultraline.files.DirectoryTrees;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.runtime.LoadedModel;
import io.ultraline.model.weights.WeightTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Rewrites a model directory's graphs with this version's graph code, keeping its weights (the
 * digest is checked before and after) and its manifest. A model exported by an older version
 * then gets the newer, faster graphs; its maps agree with the old ones to float rounding.
 */
public final class ModelRebuilder {

    private ModelRebuilder() {}

    /** Rebuilds {@code dir} in place with the given ultra variant; returns the new manifest. */
    public static ModelManifest rebuild(Path dir, UltraVariant variant) {
        Map<String, WeightTensor> layout;
        ModelManifest manifest;
        try (LoadedModel model = LoadedModel.load(dir)) {
            layout = model.weights();
            manifest = model.manifest();
        }
        Path parent = dir.toAbsolutePath().getParent();
        try {
            Path staging = Files.createTempDirectory(parent, ".rebuild-");
            try {
                Path graph = staging.resolve("model");
                ModelExporter.writeSavedModel(manifest.config(), layout, variant, graph);
                ModelManifest rebuilt = manifest.withUltraVariant(variant.manifestName());
                rebuilt.write(graph);
                LoadedModel.load(graph).close(); // the contract and the digest, before anything is replaced
                replace(graph, dir);
                return rebuilt;
            } finally {
                DirectoryTrees.delete(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not rebuild model " + dir, e);
        }
    }

    /** Swaps the SavedModel files and the manifest; every other file in {@code dir} stays. */
    private static void replace(Path from, Path dir) throws IOException {
        DirectoryTrees.delete(dir.resolve("variables"));
        Files.move(from.resolve("variables"), dir.resolve("variables"));
        for (String file : new String[] {"saved_model.pb", ModelManifest.FILE_NAME}) {
            Files.move(from.resolve(file), dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
