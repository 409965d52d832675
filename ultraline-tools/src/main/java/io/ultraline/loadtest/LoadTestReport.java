package io.ultraline.loadtest;

import java.util.Locale;

/** A run's figures as a few lines of text for the console. */
public final class LoadTestReport {

    private LoadTestReport() {}

    public static String format(LoadTestResult r) {
        StringBuilder b = new StringBuilder();
        LoadTestResult.Setup s = r.setup();
        b.append(String.format(
                Locale.ROOT,
                "%s: %d cameras, %d partitions, %d instance(s) of %s, batch %d / %d ms, "
                        + "%d px %s frames, explain %s%n",
                r.scenario(),
                s.cameras(),
                s.partitions(),
                s.instances(),
                r.processor(),
                s.batchSize(),
                s.batchMaxWaitMs(),
                s.frameSize(),
                s.encoding(),
                s.explain()));
        for (RunAnalysis.Step step : r.searchSteps()) {
            b.append(String.format(
                    Locale.ROOT,
                    "  step %6.1f frames/s: delivered %6.1f, p50 %5d ms, p99 %5d ms, " + "backlog %4d: %s%n",
                    step.offeredFps(),
                    step.deliveredFps(),
                    step.p50Ms(),
                    step.p99Ms(),
                    step.backlogAtEnd(),
                    step.reason()));
        }
        if (r.maxSustainableFps() != null) {
            b.append(String.format(Locale.ROOT, "max sustainable: %.1f frames/s%n", r.maxSustainableFps()));
        }
        LoadTestResult.Latency l = r.latency();
        if (l != null) {
            b.append(String.format(
                    Locale.ROOT,
                    "latency (%s, %s frames/s offered, %d frames): p50 %d ms, p90 %d ms, "
                            + "p99 %d ms, p99.9 %d ms, max %d ms%n",
                    l.window(),
                    l.offeredFps() == null ? "-" : String.format(Locale.ROOT, "%.1f", l.offeredFps()),
                    l.count(),
                    l.p50(),
                    l.p90(),
                    l.p99(),
                    l.p999(),
                    l.max()));
        }
        LoadTestResult.Throughput t = r.throughput();
        b.append(String.format(
                Locale.ROOT,
                "sent %d (%d failed, generator at most %d ms behind), verdicts %d "
                        + "(%d DEFECT), dead letters %d%s%n",
                t.sent(),
                t.sendFailures(),
                t.maxLateMs(),
                t.verdicts(),
                t.defects(),
                t.deadLetters(),
                t.deliveredFps() == null
                        ? ""
                        : String.format(Locale.ROOT, ", delivered %.1f frames/s after warm-up", t.deliveredFps())));
        ExactlyOnceCheck e = r.exactlyOnce();
        b.append(String.format(
                Locale.ROOT,
                "exactly once (read_committed audit): %s; produced %d, verdicts %d, "
                        + "dead letters %d, lost %d, duplicated %d %s%n",
                e.exactlyOnce() ? "YES" : "NO",
                e.produced(),
                e.verdicts(),
                e.deadLetters(),
                e.lost(),
                e.duplicated(),
                e.examples().isEmpty() ? "" : e.examples()));
        if (r.recovery() != null) {
            RunAnalysis.Recovery rec = r.recovery();
            b.append(String.format(
                    Locale.ROOT,
                    "kill at %.1f s: backlog peaked (takeover) after %.1f s, recovered "
                            + "after %s (backlog under %d for good), peak backlog %d, peak lag %d%n",
                    rec.killAtMs() / 1000.0,
                    rec.takeoverAfterMs() / 1000.0,
                    rec.recoveredAfterMs() < 0
                            ? "never"
                            : String.format(Locale.ROOT, "%.1f s", rec.recoveredAfterMs() / 1000.0),
                    rec.bound(),
                    rec.peakBacklog(),
                    rec.peakLag()));
        }
        for (LoadTestResult.Instance i : r.instances()) {
            b.append(String.format(
                    Locale.ROOT,
                    "instance %d (pid %d%s): RSS median %d MiB, max %d MiB%n",
                    i.index(),
                    i.pid(),
                    i.killed() ? ", killed" : "",
                    i.rssMedianMiB(),
                    i.rssMaxMiB()));
        }
        b.append(String.format(
                Locale.ROOT,
                "machine: %d cores, load average %.2f before, %.2f after%n",
                r.machine().cores(),
                r.machine().loadBefore(),
                r.machine().loadAfter()));
        return b.toString();
    }
}
