package io.ultraline.model;

/**
 * How a {@link ModelRunner} uses the machine.
 *
 * @param intraOpThreads threads inside one op (0 = TensorFlow decides)
 * @param interOpThreads ops run in parallel (0 = TensorFlow decides)
 * @param targetChunk    target tokens per ultra run; bounds memory, since each target replicates
 *                       the whole forward pass of every image in the call
 * @param warmUp         run one dummy frame through both signatures at start
 */
public record RunnerOptions(int intraOpThreads, int interOpThreads, int targetChunk, boolean warmUp) {

    public RunnerOptions {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0");
        }
        if (targetChunk < 1) {
            throw new IllegalArgumentException("targetChunk must be >= 1, got " + targetChunk);
        }
    }

    public static RunnerOptions defaults() {
        return new RunnerOptions(0, 0, 64, true);
    }
}
