package io.ultraline.model.export;

import io.ultraline.model.ModelManifest;
import io.ultraline.model.UltraVariant;
import io.ultraline.model.VitConfig;
import io.ultraline.model.graph.GraphLayout;
import io.ultraline.model.graph.VitModelGraph;
import io.ultraline.model.weights.VitWeights;
import io.ultraline.model.weights.WeightTensor;
import io.ultraline.model.weights.WeightsDigest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;

/** Writes a SavedModel with both signatures and its manifest from a config and weights. */
public final class ModelExporter {

    private ModelExporter() {}

    /** Identity and origin of an exported model. */
    public record Identity(String name, String version, Map<String, Object> provenance, String licence) {}

    /** Exports with the fast ultra signature. */
    public static ModelManifest export(VitConfig c, VitWeights weights, Identity id, Path dir) {
        return export(c, weights, id, dir, UltraVariant.FAST);
    }

    public static ModelManifest export(VitConfig c, VitWeights weights, Identity id, Path dir, UltraVariant variant) {
        Map<String, WeightTensor> layout = GraphLayout.prepare(weights, c);
        String digest = WeightsDigest.of(layout);
        try {
            if (Files.exists(dir) && Files.list(dir).findAny().isPresent()) {
                throw new IllegalArgumentException("output directory " + dir + " exists and is not empty");
            }
            Files.createDirectories(dir);
            writeSavedModel(c, layout, variant, dir);
            ModelManifest m = ModelManifest.describe(
                    c, id.name(), id.version(), variant.manifestName(), digest, id.provenance(), id.licence());
            m.write(dir);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("could not export model to " + dir, e);
        }
    }

    /** The SavedModel alone (graph with both signatures), built from graph-layout weights. */
    static void writeSavedModel(VitConfig c, Map<String, WeightTensor> layout, UltraVariant variant, Path dir)
            throws IOException {
        try (VitModelGraph g = VitModelGraph.build(c, layout, variant);
                Session s = new Session(g.graph())) {
            SavedModelBundle.exporter(dir.toString())
                    .withFunction(SessionFunction.create(g.servingSignature(), s))
                    .withFunction(SessionFunction.create(g.ultraSignature(), s))
                    .export();
        }
    }
}
