package io.ultraline.model.runtime;

import java.util.Objects;

/**
 * How a {@link ModelRunner} uses the machine. Built by name from {@link #defaults()}, for example
 * {@code RunnerOptions.defaults().withIntraOpThreads(4).withWarmUp(false)}: five positional ints and
 * booleans read alike at a call site, so the constructor is private and every value has a named
 * {@code with} method that checks it at once.
 *
 * <ul>
 *   <li>intraOpThreads: threads inside one op, one pool for the session and all its runs;
 *       0 = auto: 1 when runs go in parallel, else TensorFlow's choice;</li>
 *   <li>interOpThreads: ops run at once; 0 = auto: the parallel runs when there are several, else
 *       TensorFlow's choice;</li>
 *   <li>targetChunk: most target tokens per ultra run; bounds memory, since each run holds the
 *       backward of every target in it;</li>
 *   <li>warmUp: run one dummy frame through both signatures at start;</li>
 *   <li>parallelRuns: session runs in flight at once; a call becomes one run per frame, or per part
 *       of a frame's targets when it has fewer frames than this ({@link ExplainRuns}); 1 = each
 *       call's batch in one run; 0 = auto: one per available processor. On a CPU, runs of one frame
 *       with single-threaded ops keep every core busy where one batched run spends much of its time
 *       in small ops that do not spread; on a GPU, use 1 so that the whole batch goes in one run.</li>
 * </ul>
 */
public final class RunnerOptions {

    private final int intraOpThreads;
    private final int interOpThreads;
    private final int targetChunk;
    private final boolean warmUp;
    private final int parallelRuns;

    private RunnerOptions(int intraOpThreads, int interOpThreads, int targetChunk, boolean warmUp, int parallelRuns) {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = auto), got " + intraOpThreads);
        }
        if (interOpThreads < 0) {
            throw new IllegalArgumentException("interOpThreads must be >= 0 (0 = auto), got " + interOpThreads);
        }
        if (targetChunk < 1) {
            throw new IllegalArgumentException("targetChunk must be >= 1, got " + targetChunk);
        }
        if (parallelRuns < 0) {
            throw new IllegalArgumentException("parallelRuns must be >= 0 (0 = auto), got " + parallelRuns);
        }
        this.intraOpThreads = intraOpThreads;
        this.interOpThreads = interOpThreads;
        this.targetChunk = targetChunk;
        this.warmUp = warmUp;
        this.parallelRuns = parallelRuns;
    }

    /** Automatic threading and parallel runs, 64 targets per run at most, warm-up on. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(0, 0, 64, true, 0);
    }

    public RunnerOptions withIntraOpThreads(int threads) {
        return new RunnerOptions(threads, interOpThreads, targetChunk, warmUp, parallelRuns);
    }

    public RunnerOptions withInterOpThreads(int threads) {
        return new RunnerOptions(intraOpThreads, threads, targetChunk, warmUp, parallelRuns);
    }

    public RunnerOptions withTargetChunk(int targets) {
        return new RunnerOptions(intraOpThreads, interOpThreads, targets, warmUp, parallelRuns);
    }

    public RunnerOptions withWarmUp(boolean on) {
        return new RunnerOptions(intraOpThreads, interOpThreads, targetChunk, on, parallelRuns);
    }

    public RunnerOptions withParallelRuns(int runs) {
        return new RunnerOptions(intraOpThreads, interOpThreads, targetChunk, warmUp, runs);
    }

    public int intraOpThreads() {
        return intraOpThreads;
    }

    public int interOpThreads() {
        return interOpThreads;
    }

    public int targetChunk() {
        return targetChunk;
    }

    public boolean warmUp() {
        return warmUp;
    }

    public int parallelRuns() {
        return parallelRuns;
    }

    /** The parallel runs, with auto resolved against this machine. */
    public int resolvedParallelRuns() {
        return parallelRuns > 0
                ? parallelRuns
                : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** The session's intra-op threads, with auto resolved. */
    public int sessionIntraOpThreads() {
        return intraOpThreads == 0 && resolvedParallelRuns() > 1 ? 1 : intraOpThreads;
    }

    /** The session's inter-op threads, with auto resolved. */
    public int sessionInterOpThreads() {
        int runs = resolvedParallelRuns();
        return interOpThreads == 0 && runs > 1 ? runs : interOpThreads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunnerOptions r
                && r.intraOpThreads == intraOpThreads
                && r.interOpThreads == interOpThreads
                && r.targetChunk == targetChunk
                && r.warmUp == warmUp
                && r.parallelRuns == parallelRuns;
    }

    @Override
    public int hashCode() {
        return Objects.hash(intraOpThreads, interOpThreads, targetChunk, warmUp, parallelRuns);
    }

    @Override
    public String toString() {
        return "RunnerOptions[intraOpThreads=" + intraOpThreads + ", interOpThreads=" + interOpThreads
                + ", targetChunk=" + targetChunk + ", warmUp=" + warmUp + ", parallelRuns=" + parallelRuns + "]";
    }
}
