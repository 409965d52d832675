package io.ultraline.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model the processor runs ({@code ultraline.model-dir}, {@code ultraline.model-threads},
 * {@code ultraline.model-parallel-runs}).
 *
 * @param modelDir          SavedModel directory with ultraline-model.json, {@code ULTRALINE_MODEL_DIR}, required
 * @param modelThreads      TensorFlow intra-op threads, 0 for auto ({@link io.ultraline.model.runtime.RunnerOptions})
 * @param modelParallelRuns model session runs in flight at once, 0 for one per processor; set 1 on a GPU
 */
@ConfigurationProperties("ultraline")
public record ModelConfig(String modelDir, int modelThreads, int modelParallelRuns) {

    void check(SettingsProblems problems) {
        problems.requireText("ultraline.model-dir", "ULTRALINE_MODEL_DIR", modelDir);
        if (modelDir != null && !modelDir.isBlank() && !Files.isDirectory(Path.of(modelDir.trim()))) {
            problems.add("ultraline.model-dir (ULTRALINE_MODEL_DIR) is not a directory: " + modelDir);
        }
        if (modelThreads < 0) {
            problems.add("ultraline.model-threads (ULTRALINE_MODEL_THREADS) must be >= 0, got " + modelThreads);
        }
        if (modelParallelRuns < 0) {
            problems.add("ultraline.model-parallel-runs (ULTRALINE_MODEL_PARALLEL_RUNS) must be >= 0, got "
                    + modelParallelRuns);
        }
    }

    Path path() {
        return Path.of(modelDir.trim());
    }
}
