package io.ultraline.stream;

import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.TinyVits;
import io.ultraline.model.VitConfig;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.ultra.SegmenterConfig;
import io.ultraline.ultra.UltraSegmenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One tiny structured ViT for the stream tests (64 px frames, 8 px patches: 64 tokens of 24), exported
 * and loaded once per test JVM and shared like the application shares its model. Public for the audit
 * tests, which replay what this model recorded.
 */
public final class TestModels {

    private static FrameInspector inspector;
    private static Path dir;

    private TestModels() {}

    /**
     * The same model scored on 2 x 2 shifted views (4 px steps), as the shipped model is, with the
     * service's detector.
     */
    public static synchronized FrameInspector shiftingInspector() {
        FrameInspector plain = inspector();
        return new FrameInspector(plain.runner(), new UltraSegmenter(SegmenterConfig.defaults()), plain.detector(), 2);
    }

    public static synchronized Path modelDir() {
        if (dir == null) {
            try {
                // under target/, which a clean build removes, instead of a /tmp directory per JVM
                dir = Files.createTempDirectory(
                                Files.createDirectories(Path.of("target", "test-models")), "stream-model")
                        .toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            VitConfig c = TinyVits.config(64, 8, 24, 2, 2, true, 2);
            TinyVits.export(c, TinyVits.structured(c, 4, 2.5f), dir);
        }
        return dir;
    }

    public static synchronized FrameInspector inspector() {
        if (inspector == null) {
            ModelRunner runner =
                    ModelRunner.load(modelDir(), RunnerOptions.defaults().withParallelRuns(2));
            Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
            // what the service runs, so that an audit (which builds FrameInspector.standard) replays it
            inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
        }
        return inspector;
    }
}
