package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.model.ModelOutput;
import io.ultraline.model.TinyVits;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.stream.TestModels;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the audit's batching rests on, on CPU. With one session run per batch a frame's tokens depend
 * in their last bits on the frames that share its batch (measured: up to about 1e-3 relative on
 * single token values, with one intra-op thread or several, oneDNN on or off; with parallel runs
 * only batches smaller than the run count do), which is why verdicts carry a {@code BatchTag} and
 * the audit replays the recorded batches. What must hold, and is checked here bit for bit for the
 * stream tests' tiny model and the shipped one: the same batch gives the same bits on every run.
 */
class BatchInvarianceTest {

    @ParameterizedTest(name = "{0}, {1} intra-op threads, {2} parallel runs")
    @CsvSource({"tiny, 1, 1", "tiny, 0, 1", "line-vit, 1, 1", "line-vit, 0, 1", "tiny, 0, 2", "line-vit, 0, 2"})
    void theSameBatchGivesTheSameBitsEveryRun(String model, int threads, int parallelRuns) {
        Path dir = model.equals("tiny") ? TestModels.modelDir() : Path.of("models/line-vit");
        try (ModelRunner runner = ModelRunner.load(
                dir,
                RunnerOptions.defaults()
                        .withIntraOpThreads(threads)
                        .withWarmUp(false)
                        .withParallelRuns(parallelRuns))) {
            int per = runner.pixelsPerFrame();
            int frames = 5;
            float[] images = TinyVits.images(frames, runner.config().imageSize(), 11);
            List<ModelOutput> first = runner.explain(images, frames);
            runner.explain(Arrays.copyOfRange(images, 0, 2 * per), 2); // something else in between
            List<ModelOutput> again = runner.explain(images, frames);
            for (int i = 0; i < frames; i++) {
                assertThat(Arrays.equals(first.get(i).tokens(), again.get(i).tokens()))
                        .as("frame %d tokens, run 1 vs run 2", i)
                        .isTrue();
                for (int t = 0; t < first.get(i).maps().length; t++) {
                    assertThat(Arrays.equals(
                                    first.get(i).maps()[t], again.get(i).maps()[t]))
                            .as("frame %d map of token %d, run 1 vs run 2", i, t)
                            .isTrue();
                }
            }
            ModelOutput alone =
                    runner.explain(Arrays.copyOfRange(images, per, 2 * per), 1).get(0);
            System.out.printf(
                    "batch dependence (%s, %d threads): frame 1 alone vs in a batch of %d: max |diff| "
                            + "%.3g over tokens%n",
                    model, threads, frames, maxDiff(alone.tokens(), first.get(1).tokens()));
        }
    }

    private static double maxDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
