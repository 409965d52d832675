package io.ultraline.loadtest;

import java.util.List;

/**
 * Judgements over a run's per-second samples: whether an offered rate was sustained, and how long
 * the processors took to recover from a kill. Both look at the backlog (frames sent without an
 * outcome yet), which counts every frame exactly, where the consumer-group lag misses frames
 * already committed into a batch buffer.
 */
final class RunAnalysis {

    /** A steady backlog may grow by at most this share of the offered rate per second. */
    static final double MAX_GROWTH_SHARE = 0.05;
    /** A sustained step delivers at least this share of the offered rate. */
    static final double MIN_DELIVERED_SHARE = 0.95;

    private RunAnalysis() {}

    /**
     * The backlog a sustained rate keeps under: two seconds of frames, or two full batches per
     * instance at low rates (frames wait in a batch until it fills or its max wait passes).
     */
    static long backlogBound(double rate, int batchSize, int instances) {
        return Math.max((long) Math.ceil(2 * rate), 2L * batchSize * instances);
    }

    /** How one step of a rate search went. */
    record Step(
            double offeredFps,
            double deliveredFps,
            long p50Ms,
            long p99Ms,
            long maxMs,
            long backlogAtEnd,
            double backlogGrowthPerS,
            boolean sustained,
            String reason) {}

    /**
     * Judges a step from its samples (those taken while it offered frames, after it settled) and
     * the latency of its frames: sustained when the outcomes keep up with the offered rate, the
     * backlog ends under the bound and does not grow over the samples, and the p99 stays under
     * {@code maxP99Ms}.
     */
    static Step judge(double rate, List<Sample> during, long p50, long p99, long max, long maxP99Ms, long bound) {
        if (during.size() < 2) {
            throw new IllegalArgumentException("a step needs at least two samples, got " + during.size());
        }
        Sample first = during.get(0);
        Sample last = during.get(during.size() - 1);
        double seconds = (last.tMs() - first.tMs()) / 1000.0;
        double delivered =
                ((last.verdicts() + last.deadLetters()) - (first.verdicts() + first.deadLetters())) / seconds;
        double growth = slope(during);
        String reason;
        if (delivered < MIN_DELIVERED_SHARE * rate) {
            reason = String.format("delivered %.1f < %.0f %% of %.1f", delivered, 100 * MIN_DELIVERED_SHARE, rate);
        } else if (last.backlog() > bound) {
            reason = "backlog " + last.backlog() + " > " + bound;
        } else if (growth > MAX_GROWTH_SHARE * rate) {
            reason = String.format("backlog grows %.1f frames/s", growth);
        } else if (p99 > maxP99Ms) {
            reason = "p99 " + p99 + " ms > " + maxP99Ms + " ms";
        } else {
            reason = "sustained";
        }
        return new Step(rate, delivered, p50, p99, max, last.backlog(), growth, reason.equals("sustained"), reason);
    }

    /** Least-squares slope of the backlog over time, frames per second. */
    static double slope(List<Sample> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (Sample s : samples) {
            mx += s.tMs() / 1000.0;
            my += s.backlog();
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (Sample s : samples) {
            double dx = s.tMs() / 1000.0 - mx;
            sxy += dx * (s.backlog() - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? 0 : sxy / sxx;
    }

    /**
     * @param killAtMs         when the instance was killed, ms since the load started
     * @param takeoverAfterMs  from the kill to the backlog's peak: the killed instance's partitions
     *                         wait until the group notices the missing member and hands them over,
     *                         from then on the backlog shrinks
     * @param recoveredAfterMs from the kill until the backlog was back under the bound for the rest
     *                         of the load; -1 when it never was
     * @param peakBacklog      the highest backlog after the kill
     * @param peakLag          the highest consumer-group lag after the kill
     * @param bound            the backlog bound used
     */
    record Recovery(
            long killAtMs, long takeoverAfterMs, long recoveredAfterMs, long peakBacklog, long peakLag, long bound) {}

    /** Recovery from a kill at {@code killAtMs}, judged on the samples up to {@code loadEndMs}. */
    static Recovery recovery(List<Sample> samples, long killAtMs, long loadEndMs, long bound) {
        long peakBacklog = 0;
        long peakAt = killAtMs;
        long peakLag = 0;
        long recoveredAt = -1;
        for (Sample s : samples) {
            if (s.tMs() < killAtMs || s.tMs() > loadEndMs) {
                continue;
            }
            if (s.backlog() > peakBacklog) {
                peakBacklog = s.backlog();
                peakAt = s.tMs();
            }
            peakLag = Math.max(peakLag, s.lag());
            if (s.backlog() > bound) {
                recoveredAt = -1;
            } else if (recoveredAt < 0) {
                recoveredAt = s.tMs();
            }
        }
        return new Recovery(
                killAtMs,
                peakAt - killAtMs,
                recoveredAt < 0 ? -1 : recoveredAt - killAtMs,
                peakBacklog,
                peakLag,
                bound);
    }
}
