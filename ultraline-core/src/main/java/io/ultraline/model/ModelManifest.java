package io.ultraline.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ultraline.model.weights.WeightsDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The manifest {@code ultraline-model.json} beside a SavedModel: what the model is, the
 * architecture the graph was built for, the digest of its weights, where it came from and under
 * which licence.
 *
 * @param format        manifest format tag, {@value #FORMAT}
 * @param ultraVariant  how the ultra signature computes its maps ("replicated" or "fast")
 * @param weightsSha256 {@link WeightsDigest} of the graph's weight constants
 * @param scoringShifts shifted token grids per axis that defect scoring uses with this model
 *                      (absent: 1, the plain grid); part of the model because profiles, thresholds
 *                      and audits depend on it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        String format,
        String name,
        String version,
        int imageSize,
        int patchSize,
        List<Integer> grid,
        int dim,
        int depth,
        int heads,
        int mlpHidden,
        boolean qkvBias,
        float layerNormEps,
        boolean clsToken,
        int targetLayer,
        Normalisation normalisation,
        String ultraVariant,
        String weightsSha256,
        Map<String, Object> provenance,
        String licence,
        Map<String, Object> training,
        Map<String, Object> evaluation,
        Integer scoringShifts) {

    public static final String FILE_NAME = "ultraline-model.json";
    public static final String FORMAT = "ultraline-model/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Input normalisation applied inside the graph: (x - mean) / std per RGB channel. */
    public record Normalisation(List<Float> mean, List<Float> std) {}

    public static ModelManifest describe(
            VitConfig c,
            String name,
            String version,
            String ultraVariant,
            String digest,
            Map<String, Object> provenance,
            String licence) {
        return new ModelManifest(
                FORMAT,
                name,
                version,
                c.imageSize(),
                c.patchSize(),
                List.of(c.gridSize(), c.gridSize()),
                c.dim(),
                c.depth(),
                c.heads(),
                c.mlpHidden(),
                c.qkvBias(),
                c.layerNormEps(),
                c.hasClsToken(),
                c.targetLayer(),
                new Normalisation(floats(c.mean()), floats(c.std())),
                ultraVariant,
                digest,
                provenance,
                licence,
                null,
                null,
                null);
    }

    /** Shifted grids per axis for scoring: 1 when the manifest does not say. */
    public int shifts() {
        return scoringShifts == null ? 1 : scoringShifts;
    }

    public ModelManifest withScoringShifts(int k) {
        if (k < 1 || patchSize % k != 0) {
            throw new IllegalArgumentException("scoring shifts must divide the patch size " + patchSize + ", got " + k);
        }
        return new ModelManifest(
                format,
                name,
                version,
                imageSize,
                patchSize,
                grid,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                clsToken,
                targetLayer,
                normalisation,
                ultraVariant,
                weightsSha256,
                provenance,
                licence,
                training,
                evaluation,
                k);
    }

    /** The architecture this manifest describes. */
    public VitConfig config() {
        return new VitConfig(
                imageSize,
                patchSize,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                clsToken,
                array(normalisation.mean()),
                array(normalisation.std()),
                targetLayer);
    }

    public ModelManifest withTraining(Map<String, Object> t) {
        return new ModelManifest(
                format,
                name,
                version,
                imageSize,
                patchSize,
                grid,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                clsToken,
                targetLayer,
                normalisation,
                ultraVariant,
                weightsSha256,
                provenance,
                licence,
                t,
                evaluation,
                scoringShifts);
    }

    public ModelManifest withEvaluation(Map<String, Object> e) {
        return new ModelManifest(
                format,
                name,
                version,
                imageSize,
                patchSize,
                grid,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                clsToken,
                targetLayer,
                normalisation,
                ultraVariant,
                weightsSha256,
                provenance,
                licence,
                training,
                e,
                scoringShifts);
    }

    public ModelManifest withUltraVariant(String variant) {
        return new ModelManifest(
                format,
                name,
                version,
                imageSize,
                patchSize,
                grid,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                clsToken,
                targetLayer,
                normalisation,
                variant,
                weightsSha256,
                provenance,
                licence,
                training,
                evaluation,
                scoringShifts);
    }

    public void write(Path modelDir) throws IOException {
        JSON.writeValue(modelDir.resolve(FILE_NAME).toFile(), this);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks the manifest of a model directory, with messages that name the file. */
    public static ModelManifest read(Path modelDir) {
        Path file = modelDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException("model " + modelDir + " has no manifest " + FILE_NAME);
        }
        ModelManifest m;
        try {
            m = JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (IOException e) {
            throw new InvalidModelException("manifest " + file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new InvalidModelException(
                    "manifest " + file + " has format '" + m.format() + "', expected '" + FORMAT + "'");
        }
        if (m.weightsSha256() == null || !m.weightsSha256().matches("[0-9a-f]{64}")) {
            throw new InvalidModelException("manifest " + file + " lacks a weightsSha256 of 64 hex digits");
        }
        if (m.normalisation() == null
                || m.normalisation().mean() == null
                || m.normalisation().std() == null) {
            throw new InvalidModelException("manifest " + file + " lacks normalisation mean and std");
        }
        if (m.scoringShifts() != null && (m.scoringShifts() < 1 || m.patchSize() % m.scoringShifts() != 0)) {
            throw new InvalidModelException("manifest " + file + " has scoringShifts " + m.scoringShifts()
                    + "; it must divide the patch size " + m.patchSize());
        }
        try {
            m.config();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException(
                    "manifest " + file + " describes an impossible architecture: " + e.getMessage(), e);
        }
        return m;
    }

    private static List<Float> floats(float[] v) {
        return List.of(v[0], v[1], v[2]);
    }

    private static float[] array(List<Float> v) {
        if (v.size() != 3) {
            throw new IllegalArgumentException("normalisation needs 3 values per channel list, got " + v);
        }
        return new float[] {v.get(0), v.get(1), v.get(2)};
    }
}
