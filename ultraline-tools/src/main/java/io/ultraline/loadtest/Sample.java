package io.ultraline.loadtest;

/**
 * One second of a run. Counts are cumulative since the load started; latencies are of the verdicts
 * read during this second (-1 when none was).
 *
 * @param tMs          milliseconds since the load started
 * @param sent         frames handed to the producer
 * @param verdicts     verdicts of the generator's frames read
 * @param deadLetters  dead letters read
 * @param backlog      frames sent but without an outcome yet (in Kafka, in a batch buffer, in inference)
 * @param lag          the processors' consumer-group lag on line.frames (end offsets minus committed
 *                     offsets); frames held in a batch buffer are committed, so they are not in it
 * @param p50Ms        median latency of this second's verdicts
 * @param p99Ms        99th percentile
 * @param maxMs        maximum
 * @param rssKiB       VmRSS of each instance (-1 once it is gone)
 */
public record Sample(
        long tMs,
        long sent,
        long verdicts,
        long deadLetters,
        long backlog,
        long lag,
        long p50Ms,
        long p99Ms,
        long maxMs,
        long[] rssKiB) {}
