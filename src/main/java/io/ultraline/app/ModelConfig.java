package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model the processor runs ({@code ultraline.model-dir}, {@code ultraline.model-threads}).
 *
 * @param modelDir     SavedModel directory with ultraline-model.json, {@code ULTRALINE_MODEL_DIR}, required
 * @param modelThreads TensorFlow intra-op threads, 0 for TensorFlow's choice
 */
@ConfigurationProperties("ultraline")
public record ModelConfig(String modelDir, int modelThreads) {

    void check(SettingsProblems problems) {
        problems.requireText("ultraline.model-dir", "ULTRALINE_MODEL_DIR", modelDir);
        if (modelDir != null && !modelDir.isBlank() && !Files.isDirectory(Path.of(modelDir.trim()))) {
            problems.add("ultraline.model-dir (ULTRALINE_MODEL_DIR) is not a directory: " + modelDir);
        }
        if (modelThreads < 0) {
            problems.add("ultraline.model-threads (ULTRALINE_MODEL_THREADS) must be >= 0, got " + modelThreads);
        }
    }

    Path path() {
        return Path.of(modelDir.trim());
    }
}
