package io.ultraline.model.runtime;

import io.ultraline.model.InvalidModelException;
import io.ultraline.ultra.transform.TokenTransform;
import io.ultraline.ultra.transform.TransformCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model's own token transform W (issue 19, learned once per model rather than per camera), in
 * {@value #FILE_NAME} beside the SavedModel. A file rather than graph constants: the weights
 * digest stays that of the ViT, and the graph takes W as an input either way.
 */
public final class ModelTransform {

    public static final String FILE_NAME = "ultraline-transform.bin";

    private ModelTransform() {}

    /** The model's W, or null when it has none. */
    public static TokenTransform read(LoadedModel model) {
        Path file = model.directory().resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            TokenTransform w = TransformCodec.decode(Files.readAllBytes(file));
            if (w.inDim() != model.config().dim()) {
                throw new InvalidModelException("model " + model.directory() + ": " + FILE_NAME + " takes " + w.inDim()
                        + "-dimensional tokens, the model's are "
                        + model.config().dim());
            }
            return w;
        } catch (IllegalArgumentException e) {
            throw new InvalidModelException("model " + model.directory() + ": " + FILE_NAME + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    public static void write(Path modelDir, TokenTransform w) {
        try {
            Files.write(modelDir.resolve(FILE_NAME), TransformCodec.encode(w));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + modelDir.resolve(FILE_NAME), e);
        }
    }
}
