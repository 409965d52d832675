package io.ultraline.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The run's four PNGs from its timeline: latency, throughput, backlog and lag, resident memory. */
final class Plots {

    static final List<String> FILES = List.of("latency.png", "throughput.png", "lag.png", "rss.png");

    private Plots() {}

    static void write(LoadTestResult r, long killAtMs, long warmUpMs, Path dir) throws IOException {
        List<Sample> t = r.timeline();
        double[] x = series(t, s -> s.tMs() / 1000.0);
        String title = r.scenario() + ": ";
        List<LinePlot> plots =
                List.of(latency(title, t, x), throughput(title, t, x), lag(title, t, x), rss(title, t, x));
        for (int i = 0; i < plots.size(); i++) {
            LinePlot p = plots.get(i);
            if (killAtMs >= 0) {
                p.mark(new LinePlot.Marker(killAtMs / 1000.0, "kill -9"));
            }
            if (warmUpMs > 0) {
                p.mark(new LinePlot.Marker(warmUpMs / 1000.0, "warm-up end"));
            }
            p.write(dir.resolve(FILES.get(i)));
        }
    }

    private static LinePlot latency(String title, List<Sample> t, double[] x) {
        return new LinePlot(
                        title + "capture-to-verdict latency of the verdicts read each second",
                        "seconds",
                        "latency (ms)")
                .add(new LinePlot.Series("max", LinePlot.PALETTE[3], x, series(t, Sample::maxMs)))
                .add(new LinePlot.Series("p99", LinePlot.PALETTE[1], x, series(t, Sample::p99Ms)))
                .add(new LinePlot.Series("p50", LinePlot.PALETTE[0], x, series(t, Sample::p50Ms)));
    }

    private static LinePlot throughput(String title, List<Sample> t, double[] x) {
        return new LinePlot(title + "throughput", "seconds", "frames/s")
                .add(new LinePlot.Series("offered", LinePlot.PALETTE[0], x, perSecond(t, Sample::sent)))
                .add(new LinePlot.Series(
                        "verdicts + dead letters",
                        LinePlot.PALETTE[2],
                        x,
                        perSecond(t, s -> s.verdicts() + s.deadLetters())));
    }

    private static LinePlot lag(String title, List<Sample> t, double[] x) {
        return new LinePlot(title + "frames waiting", "seconds", "frames")
                .add(new LinePlot.Series(
                        "backlog (sent, no outcome yet)", LinePlot.PALETTE[1], x, series(t, Sample::backlog)))
                .add(new LinePlot.Series(
                        "consumer-group lag on line.frames", LinePlot.PALETTE[4], x, series(t, Sample::lag)));
    }

    private static LinePlot rss(String title, List<Sample> t, double[] x) {
        LinePlot p = new LinePlot(title + "resident memory per instance (VmRSS)", "seconds", "MiB");
        int n = t.isEmpty() ? 0 : t.get(0).rssKiB().length;
        for (int i = 0; i < n; i++) {
            int k = i;
            p.add(new LinePlot.Series(
                    "instance " + i,
                    LinePlot.PALETTE[i % LinePlot.PALETTE.length],
                    x,
                    series(t, s -> s.rssKiB()[k] < 0 ? -1 : s.rssKiB()[k] / 1024.0)));
        }
        return p;
    }

    private static double[] series(List<Sample> t, ToDoubleFunction<Sample> f) {
        return t.stream().mapToDouble(f).toArray();
    }

    /** Differences of a cumulative count between consecutive samples, per second. */
    private static double[] perSecond(List<Sample> t, ToDoubleFunction<Sample> cumulative) {
        double[] out = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            double prev = i == 0 ? 0 : cumulative.applyAsDouble(t.get(i - 1));
            double dt = (t.get(i).tMs() - (i == 0 ? 0 : t.get(i - 1).tMs())) / 1000.0;
            out[i] = dt > 0 ? (cumulative.applyAsDouble(t.get(i)) - prev) / dt : 0;
        }
        return out;
    }
}
