package io.ultraline.bench;

import io.ultraline.files.DirectoryTrees;
import io.ultraline.model.VitConfig;
import io.ultraline.model.export.ModelExporter;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.model.weights.RandomVitWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs many frames through a {@link ModelRunner} and samples the process's resident memory, to
 * show that tensors and results are released: after warm-up RSS must stay flat.
 */
public final class SoakBenchmark {

    /** RSS samples in KiB, taken every {@code sampleEvery} frames after warm-up. */
    public record Report(
            int frames, double seconds, long rssAfterWarmUpKib, long rssEndKib, long rssMaxKib, List<long[]> samples) {
        public double growthPercent() {
            return 100.0 * (rssEndKib - rssAfterWarmUpKib) / rssAfterWarmUpKib;
        }

        public String format() {
            StringBuilder trace = new StringBuilder("rss by frames (KiB):");
            int step = Math.max(1, samples.size() / 10);
            for (int i = 0; i < samples.size(); i += step) {
                trace.append(' ').append(samples.get(i)[0]).append('=').append(samples.get(i)[1]);
            }
            return trace
                    + System.lineSeparator()
                    + String.format(
                            "frames %d in %.1f s (%.1f frames/s)%nrss after warm-up %d KiB, at end %d KiB,"
                                    + " max %d KiB%nrss growth after warm-up %.2f %%%n",
                            frames,
                            seconds,
                            frames / seconds,
                            rssAfterWarmUpKib,
                            rssEndKib,
                            rssMaxKib,
                            growthPercent());
        }
    }

    private SoakBenchmark() {}

    public static Report run(VitConfig c, int frames, int batch, boolean maps, int warmUpFrames, Path workDir)
            throws IOException {
        Path dir = Files.createTempDirectory(workDir, "soak");
        try {
            Path model = dir.resolve("m");
            ModelExporter.export(
                    c,
                    RandomVitWeights.create(c, 1, 3f),
                    new ModelExporter.Identity("soak", "0", Map.of("source", "random"), "none"),
                    model);
            try (ModelRunner runner =
                    ModelRunner.load(model, RunnerOptions.defaults().withTargetChunk(c.numPatches()))) {
                float[] images = new float[batch * runner.pixelsPerFrame()];
                java.util.SplittableRandom r = new java.util.SplittableRandom(3);
                for (int i = 0; i < images.length; i++) {
                    images[i] = (float) r.nextDouble();
                }
                for (int done = 0; done < warmUpFrames; done += batch) {
                    call(runner, images, batch, maps);
                }
                System.gc();
                long base = rssKib();
                long max = base;
                List<long[]> samples = new ArrayList<>();
                long start = System.nanoTime();
                int sampleEvery = Math.max(batch, frames / 50);
                int done = 0;
                while (done < frames) {
                    call(runner, images, batch, maps);
                    done += batch;
                    if (done % sampleEvery < batch) {
                        long rss = rssKib();
                        max = Math.max(max, rss);
                        samples.add(new long[] {done, rss});
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                long end = rssKib();
                return new Report(done, seconds, base, end, Math.max(max, end), samples);
            }
        } finally {
            DirectoryTrees.delete(dir);
        }
    }

    private static void call(ModelRunner runner, float[] images, int batch, boolean maps) {
        if (maps) {
            runner.explain(images, batch);
        } else {
            runner.tokens(images, batch);
        }
    }

    /** Resident set size of this process from /proc (Linux). */
    public static long rssKib() {
        return procStatus("VmRSS:");
    }

    /** Peak resident set size of this process (high-water mark). */
    public static long peakRssKib() {
        return procStatus("VmHWM:");
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
        throw new IllegalStateException("no " + key + " in /proc/self/status");
    }
}
