package io.ultraline.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load of a run, once the processors are up and calibrated: a fixed rate (with a kill at its
 * time), or a staircase of rates judged step by step ({@link RunAnalysis#judge}) and a follow-up at
 * a fraction of the best sustained one.
 */
final class LoadPhases {

    private static final Duration COOL_DOWN = Duration.ofSeconds(10);

    private final Scenario scenario;
    private final OpenLoopGenerator generator;
    private final LiveBooks books;
    private final Sampler sampler;
    private final PrintStream log;

    LoadPhases(Scenario scenario, OpenLoopGenerator generator, LiveBooks books, Sampler sampler, PrintStream log) {
        this.scenario = scenario;
        this.generator = generator;
        this.books = books;
        this.sampler = sampler;
        this.log = log;
    }

    /** What the load phases leave for the result. */
    record Result(
            LiveBooks.Window measured,
            Double measuredFps,
            List<RunAnalysis.Step> steps,
            Double maxSustainable,
            long loadEndMs,
            long killAtMs) {}

    /** The scenario's rate for its duration, with its kill if it has one. */
    Result fixed(List<ProcessorInstance> instances, long start) throws InterruptedException {
        double rate = scenario.offeredFps();
        long warm = scenario.warmUp().toMillis();
        long duration = scenario.duration().toMillis();
        LiveBooks.Window window = books.window("after warm-up", start + warm, start + duration);
        Thread killer = null;
        long[] killedAt = {-1};
        if (scenario.kill().isPresent()) {
            Scenario.Kill kill = scenario.kill().get();
            ProcessorInstance victim = instances.get(kill.instance());
            killer = new Thread(
                    () -> {
                        try {
                            long wait = start + kill.at().toMillis() - System.currentTimeMillis();
                            if (wait > 0) {
                                TimeUnit.MILLISECONDS.sleep(wait);
                            }
                            log.printf("kill -9 instance %d (pid %d)%n", kill.instance(), victim.pid());
                            victim.kill();
                            killedAt[0] = victim.killedAtMillis() - start;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "loadtest-killer");
            killer.setDaemon(true);
            killer.start();
        }
        log.printf("offering %.1f frames/s for %d s (warm-up %d s) ...%n", rate, duration / 1000, warm / 1000);
        generator.offer(rate, duration);
        long loadEnd = System.currentTimeMillis() - start;
        if (killer != null) {
            killer.join(10_000);
        }
        return new Result(window, rate, List.of(), null, loadEnd, killedAt[0]);
    }

    /**
     * The staircase up to the first step that is not sustained twice in a row (a failed step is
     * repeated once after a drain and a pause: on a shared machine one step can meet a neighbour's
     * burst), then the follow-up.
     */
    Result search(long start) throws InterruptedException {
        Scenario.Search s = scenario.search().get();
        List<RunAnalysis.Step> steps = new ArrayList<>();
        Double best = null;
        for (double rate = s.from(); rate <= s.to() + 1e-9; rate += s.step()) {
            RunAnalysis.Step judged = step(rate, start);
            steps.add(judged);
            if (!judged.sustained()) {
                awaitQuiet(books, generator, scenario.drainTimeout());
                TimeUnit.MILLISECONDS.sleep(COOL_DOWN.toMillis());
                log.println("  repeating the step once");
                judged = step(rate, start);
                steps.add(judged);
                if (!judged.sustained()) {
                    break;
                }
            }
            best = rate;
        }
        LiveBooks.Window measured = null;
        Double measuredFps = null;
        long loadEnd = System.currentTimeMillis() - start;
        if (best != null && s.followUpFraction() > 0) {
            // the last step overloaded the processors: let them drain and idle before measuring
            awaitQuiet(books, generator, scenario.drainTimeout());
            TimeUnit.MILLISECONDS.sleep(COOL_DOWN.toMillis());
            double rate = best * s.followUpFraction();
            long dur = s.followUpDuration().toMillis();
            long from = System.currentTimeMillis();
            long warm = Math.min(scenario.warmUp().toMillis(), dur / 3);
            measured = books.window(
                    "follow-up at " + Math.round(100 * s.followUpFraction()) + " % of max", from + warm, from + dur);
            measuredFps = rate;
            log.printf(
                    "follow-up: %.1f frames/s (%.0f %% of %.1f) for %d s ...%n",
                    rate, 100 * s.followUpFraction(), best, dur / 1000);
            generator.offer(rate, dur);
            loadEnd = System.currentTimeMillis() - start;
        }
        return new Result(measured, measuredFps, steps, best, loadEnd, -1);
    }

    /** Offers one step's rate and judges it once its frames have drained (or could not). */
    private RunAnalysis.Step step(double rate, long start) throws InterruptedException {
        Scenario.Search s = scenario.search().get();
        long step = s.stepDuration().toMillis();
        long from = System.currentTimeMillis();
        // the first third of a step settles the batches at the new rate
        LiveBooks.Window w = books.window(String.format("step %.1f", rate), from + step / 3, from + step);
        log.printf("search: %.1f frames/s for %d s ...%n", rate, step / 1000);
        generator.offer(rate, step);
        long to = System.currentTimeMillis();
        List<Sample> during = new ArrayList<>();
        for (Sample x : sampler.samples()) {
            if (x.tMs() >= from - start + step / 3 && x.tMs() <= to - start) {
                during.add(x);
            }
        }
        boolean drained = awaitQuiet(books, generator, s.stepDuration().multipliedBy(2));
        Histogram h = LiveBooks.copy(w);
        long bound = RunAnalysis.backlogBound(rate, scenario.batchSize(), scenario.instances());
        RunAnalysis.Step judged = during.size() < 2
                ? new RunAnalysis.Step(rate, 0, -1, -1, -1, -1, 0, false, "too few samples")
                : RunAnalysis.judge(
                        rate,
                        during,
                        pct(h, 50),
                        pct(h, 99),
                        h.getMaxValue(),
                        s.maxP99().toMillis(),
                        bound);
        if (judged.sustained() && !drained) {
            judged = new RunAnalysis.Step(
                    judged.offeredFps(),
                    judged.deliveredFps(),
                    judged.p50Ms(),
                    judged.p99Ms(),
                    judged.maxMs(),
                    judged.backlogAtEnd(),
                    judged.backlogGrowthPerS(),
                    false,
                    "did not drain");
        }
        log.printf(
                "  delivered %.1f/s, p50 %d ms, p99 %d ms, backlog %d (bound %d): %s%n",
                judged.deliveredFps(), judged.p50Ms(), judged.p99Ms(), judged.backlogAtEnd(), bound, judged.reason());
        return judged;
    }

    private static long pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
    }

    /** Waits until every sent frame has an outcome; false if {@code timeout} passed first. */
    static boolean awaitQuiet(LiveBooks books, OpenLoopGenerator generator, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (books.outcomes() < generator.sent() - generator.failed()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return true;
    }
}
