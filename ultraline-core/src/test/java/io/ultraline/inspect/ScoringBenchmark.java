package io.ultraline.inspect;

import io.ultraline.defect.AppearanceChannel;
import io.ultraline.defect.DefectDetector;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.defect.TokenScorer;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.DefectType;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the first-stage scoring of one frame against a real profile, single threaded, step by
 * step: the token channel's bank search, the raw-pixel channel, and the whole
 * {@link DefectDetector#score}. Not a test (no timing is asserted); run it by hand after
 * {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-core)" \
 *     io.ultraline.inspect.ScoringBenchmark [modelDir [seconds]]
 * </pre>
 *
 * It prints a checksum of every score, so that two versions can be compared for equal results.
 */
public final class ScoringBenchmark {

    private ScoringBenchmark() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "models/line-vit");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        try (ModelRunner runner = ModelRunner.load(dir, RunnerOptions.defaults())) {
            FrameInspector inspector = FrameInspector.standard(runner, FrameInspector.DEFAULT_MAX_RECORD_BYTES);
            int size = runner.config().imageSize();
            FrameGenerator generator = new FrameGenerator();
            CameraSetup setup = CameraSetup.random(MaterialFamily.firstSeven().get(0), 1000);
            List<RgbImage> good = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                good.add(RgbImage.of(generator.good(setup, 100_000 + i, size).image()));
            }
            List<RgbImage> frames = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                frames.add(RgbImage.of(
                        i % 20 == 0
                                ? generator
                                        .generate(setup, i, DefectType.values()[i % DefectType.values().length], size)
                                        .image()
                                : generator.good(setup, i, size).image()));
            }
            ReferenceProfile profile = inspector.calibrate(good, 1, 8);
            List<InspectedFrame> scanned = new ArrayList<>();
            for (int i = 0; i < frames.size(); i += 8) {
                scanned.addAll(inspector.scan(frames.subList(i, i + 8)));
            }
            DefectDetector detector = inspector.detector();
            int grid = runner.config().gridSize();
            int dim = runner.config().dim();
            AppearanceChannel appearance = profile.appearance();
            System.out.printf(
                    Locale.ROOT,
                    "profile: token bank %d x %d, %s; %d shifted views per axis%n",
                    profile.bankSize(),
                    dim,
                    appearance,
                    inspector.shifts());
            double checksum = 0;
            for (InspectedFrame f : scanned) {
                FrameAssessment a = detector.score(
                        profile, f.scoringTokens(), dim, grid, grid, f.width(), f.height(), f.modelInput());
                checksum += a.frameScore();
                for (float s : a.tokenScores()) {
                    checksum += s;
                }
                for (float s : a.fineScores()) {
                    checksum += s;
                }
            }
            System.out.printf(Locale.ROOT, "checksum of the scores: %.9e%n", checksum);
            if (appearance != null) {
                // every raw-pixel score, bit for bit: a faster search must leave this unchanged
                int bits = 1;
                for (InspectedFrame f : scanned) {
                    bits = 31 * bits
                            + Arrays.hashCode(appearance.score(f.modelInput()).pixelScores());
                }
                System.out.printf(Locale.ROOT, "hash of the raw-pixel scores: %08x%n", bits);
            }
            time(
                    "token bank search",
                    seconds,
                    scanned,
                    f -> TokenScorer.tokenScores(profile.bank(), f.scoringTokens(), dim)[0]);
            if (appearance != null) {
                time(
                        "raw-pixel channel",
                        seconds,
                        scanned,
                        f -> appearance.score(f.modelInput()).frameScore());
            }
            time(
                    "DefectDetector.score",
                    seconds,
                    scanned,
                    f -> detector.score(
                                    profile, f.scoringTokens(), dim, grid, grid, f.width(), f.height(), f.modelInput())
                            .frameScore());
        }
    }

    private static void time(
            String what,
            double seconds,
            List<InspectedFrame> frames,
            java.util.function.ToDoubleFunction<InspectedFrame> step) {
        double sink = 0;
        long warm = System.nanoTime() + (long) (seconds * 0.5e9);
        int i = 0;
        while (System.nanoTime() < warm) {
            sink += step.applyAsDouble(frames.get(i++ % frames.size()));
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            sink += step.applyAsDouble(frames.get(n++ % frames.size()));
        }
        double ms = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf(Locale.ROOT, "%-22s %7.3f ms per frame (%d frames; sink %.3f)%n", what, ms, n, sink);
    }
}
