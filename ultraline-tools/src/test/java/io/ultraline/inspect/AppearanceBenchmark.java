package io.ultraline.inspect;

import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.AppearanceChannel;
import io.ultraline.defect.AppearanceConfig;
import io.ultraline.defect.MemoryBank;
import io.ultraline.defect.ProfileBuilder;
import io.ultraline.defect.ProfileConfig;
import io.ultraline.evaluation.LabelledDataset;
import io.ultraline.frame.Resize;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the profile's raw-pixel channel on a dataset's real frames, single threaded: its
 * calibration, and the scoring of one frame, beside the token channel's nearest-neighbour search
 * at the service's default sizes (4 shifted views of 64 tokens of dimension 96 against the fitted
 * token bank) in the same process. Not a test; run by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-tools)" \
 *     io.ultraline.inspect.AppearanceBenchmark DATASET_DIR [SIZE]
 * </pre>
 */
public final class AppearanceBenchmark {

    private AppearanceBenchmark() {}

    public static void main(String[] args) throws Exception {
        LabelledDataset data = LabelledDataset.open(Path.of(args[0]));
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int dim = 96;
        ProfileConfig config = ProfileConfig.defaults().withBankFitting(1_000_000, dim);
        List<byte[]> good = new ArrayList<>();
        for (Path p : data.calibration()) {
            good.add(AppearanceBank.quantise(
                    Resize.to(LabelledDataset.readImage(p), size, size).pixels()));
        }
        List<byte[]> test = new ArrayList<>();
        for (LabelledDataset.TestFrame t : data.test()) {
            test.add(AppearanceBank.quantise(Resize.to(LabelledDataset.readImage(t.imagePath()), size, size)
                    .pixels()));
        }
        SplittableRandom random = new SplittableRandom(1);
        ProfileBuilder builder = new ProfileBuilder(config, dim);
        for (byte[] frame : good) {
            float[] tokens = new float[4 * 64 * dim];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = (float) random.nextGaussian();
            }
            builder.add(tokens, frame);
        }
        long start = System.nanoTime();
        var profile = builder.build(1, Instant.EPOCH);
        double calibration = (System.nanoTime() - start) / 1e9;
        AppearanceChannel channel = profile.appearance();
        MemoryBank tokens = profile.bank();
        float[] queries = new float[4 * 64 * dim];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = (float) random.nextGaussian();
        }
        double sink = 0;
        for (int round = 0; round < 2; round++) {
            for (byte[] frame : test) {
                sink += channel.bank().score(frame).frameScore();
            }
        }
        // the two ways alternate and each keeps its best round, so a busy machine hurts both alike
        double pixelMs = Double.MAX_VALUE;
        double cutMs = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            start = System.nanoTime();
            for (byte[] frame : test) {
                sink += channel.bank().score(frame).frameScore();
            }
            pixelMs = Math.min(pixelMs, (System.nanoTime() - start) / 1e6 / test.size());
            start = System.nanoTime();
            for (byte[] frame : test) {
                sink += channel.score(frame).frameScore();
            }
            cutMs = Math.min(cutMs, (System.nanoTime() - start) / 1e6 / test.size());
        }
        for (int round = 0; round < 50; round++) {
            sink += tokens.nearestDistances(queries)[0];
        }
        start = System.nanoTime();
        for (int round = 0; round < 100; round++) {
            sink += tokens.nearestDistances(queries)[0];
        }
        double tokenMs = (System.nanoTime() - start) / 1e6 / 100;
        AppearanceConfig a = config.appearance();
        System.out.printf(
                Locale.ROOT,
                "raw-pixel channel: %d patches x %d axes, token bank %d x %d (record fitting 1000000 B)%n",
                channel.bank().size(),
                a.components(),
                tokens.size(),
                dim);
        System.out.printf(Locale.ROOT, "calibration of %d frames, both channels: %.2f s%n", good.size(), calibration);
        System.out.printf(
                Locale.ROOT,
                "scoring one frame: raw-pixel %.2f ms (all distances exact), token kNN %.2f ms," + " ratio %.2f%n",
                pixelMs,
                tokenMs,
                pixelMs / tokenMs);
        System.out.printf(
                Locale.ROOT,
                "raw-pixel as the service scores it (exact from %.1f of its threshold): %.2f ms,"
                        + " %.2fx faster than all exact%n",
                AppearanceChannel.EXACT_FROM,
                cutMs,
                pixelMs / cutMs);
        System.out.printf(Locale.ROOT, "(checksum %.3f)%n", sink);
    }
}
