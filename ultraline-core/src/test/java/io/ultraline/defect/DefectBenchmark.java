package io.ultraline.defect;

import java.time.Instant;
import java.util.Locale;

/**
 * Times the two costly steps, single threaded. Not a test (no timing is asserted anywhere); run
 * it by hand after {@code mvn test-compile}:
 *
 * <pre>
 * java -cp "$(dev/test-classpath.sh ultraline-core)" io.ultraline.defect.DefectBenchmark [M D N [K]]
 * </pre>
 *
 * <ol>
 *   <li>{@link MemoryBank#nearestDistances}: one frame of N queries against M bank tokens of
 *       dimension D (defaults 4096, 96, 64: the default model's grid and a full bank);
 *   <li>with K given, a whole calibration ({@link ProfileBuilder} with bank size M) from K frames
 *       of N tokens: the fold banks, their coresets and the held-out scoring.
 * </ol>
 */
public final class DefectBenchmark {

    private DefectBenchmark() {}

    public static void main(String[] args) {
        int m = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Gaussians g = new Gaussians(7);
        MemoryBank bank = MemoryBank.of(g.tokens(m, d, 0f, 1f), d);
        float[] queries = g.tokens(n, d, 0f, 1f);

        double sink = 0;
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            sink += bank.nearestDistances(queries)[0];
        }
        int frames = 100;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            sink += bank.nearestDistances(queries)[0];
        }
        double msPerFrame = (System.nanoTime() - start) / 1e6 / frames;
        System.out.printf(
                Locale.ROOT,
                "nearest: M=%d D=%d N=%d: %.2f ms per frame (%.1f GFLOP/s)%n",
                m,
                d,
                n,
                msPerFrame,
                2.0 * m * d * n / (msPerFrame * 1e6));

        if (args.length > 3) {
            int k = Integer.parseInt(args[3]);
            ProfileBuilder builder = new ProfileBuilder(new ProfileConfig(m, 0.99f, 1.1f, 5, 42), d);
            for (int i = 0; i < k; i++) {
                builder.add(g.tokens(n, d, 0f, 1f));
            }
            long t0 = System.nanoTime();
            ReferenceProfile profile = builder.build(1, Instant.now());
            System.out.printf(
                    Locale.ROOT,
                    "calibration: K=%d frames of N=%d, bank %d x %d: %.2f s, " + "threshold %.3f%n",
                    k,
                    n,
                    profile.bankSize(),
                    d,
                    (System.nanoTime() - t0) / 1e9,
                    profile.threshold());
        }
        System.out.println("(checksum " + sink + ")");
    }
}
