package io.ultraline.model;

/**
 * How a {@link ModelRunner} uses the machine.
 *
 * @param intraOpThreads threads inside one op, one pool for the session and all its runs;
 *                       0 = auto: 1 when runs go in parallel, else TensorFlow's choice
 * @param interOpThreads ops run at once; 0 = auto: the parallel runs when there are several, else
 *                       TensorFlow's choice
 * @param targetChunk    most target tokens per ultra run; bounds memory, since each run holds the
 *                       backward of every target in it
 * @param warmUp         run one dummy frame through both signatures at start
 * @param parallelRuns   session runs in flight at once; a call becomes one run per frame, or
 *                       per part of a frame's targets when it has fewer frames than this
 *                       ({@link ExplainRuns}); 1 = each call's batch in one run; 0 = auto: one per
 *                       available processor. On
 *                       a CPU, runs of one frame with single-threaded ops keep every core busy
 *                       where one batched run spends much of its time in small ops that do not
 *                       spread; on a GPU, use 1 so that the whole batch goes in one run.
 */
public record RunnerOptions(int intraOpThreads, int interOpThreads, int targetChunk, boolean warmUp,
                            int parallelRuns) {

    public RunnerOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0");
        }
        if (targetChunk < 1) {
            throw new IllegalArgumentException("targetChunk must be >= 1, got " + targetChunk);
        }
        if (parallelRuns < 0) {
            throw new IllegalArgumentException("parallelRuns must be >= 0 (0 = auto), got " + parallelRuns);
        }
    }

    /** Automatic threading and parallel runs, 64 targets per run at most, warm-up on. */
    public static RunnerOptions defaults() {
        return new RunnerOptions(0, 0, 64, true, 0);
    }

    /** The parallel runs, with auto resolved against this machine. */
    public int resolvedParallelRuns() {
        return parallelRuns > 0 ? parallelRuns : Math.max(1, Runtime.getRuntime().availableProcessors());
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
}
