package io.ultraline.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a run measured, written as results.json next to its plots. Times in milliseconds, rates in
 * frames per second, memory in MiB. Fields that do not apply to a run (recovery without a kill,
 * search steps without a search) are null or empty.
 */
public record LoadTestResult(
        String scenario,
        String processor,
        String startedAt,
        String topicPrefix,
        String applicationId,
        Machine machine,
        Setup setup,
        Latency latency,
        Throughput throughput,
        ExactlyOnceCheck exactlyOnce,
        RunAnalysis.Recovery recovery,
        List<RunAnalysis.Step> searchSteps,
        Double maxSustainableFps,
        List<Instance> instances,
        List<Sample> timeline) {

    /** The machine: cores and one-minute load average before and after the run. */
    public record Machine(int cores, double loadBefore, double loadAfter, String java) {}

    /** The scenario's settings that shape the figures. */
    public record Setup(
            int cameras,
            int partitions,
            int instances,
            int batchSize,
            long batchMaxWaitMs,
            int frameSize,
            String encoding,
            double defectRate,
            Double offeredFps,
            long durationMs,
            long warmUpMs,
            String model,
            String explain) {}

    /**
     * Capture-to-verdict latency of the frames captured in the measuring window {@code window}
     * (after the warm-up; for a search, the follow-up run).
     */
    public record Latency(
            String window,
            Double offeredFps,
            long count,
            long p50,
            long p90,
            long p99,
            long p999,
            long max,
            double mean) {

        static Latency of(String window, Double offeredFps, Histogram h) {
            if (h.getTotalCount() == 0) {
                return new Latency(window, offeredFps, 0, -1, -1, -1, -1, -1, -1);
            }
            return new Latency(
                    window,
                    offeredFps,
                    h.getTotalCount(),
                    h.getValueAtPercentile(50),
                    h.getValueAtPercentile(90),
                    h.getValueAtPercentile(99),
                    h.getValueAtPercentile(99.9),
                    h.getMaxValue(),
                    Math.round(h.getMean() * 10) / 10.0);
        }
    }

    /**
     * @param sent           frames offered in the whole run
     * @param sendFailures   sends the broker did not acknowledge
     * @param maxLateMs      how far the generator fell behind its schedule at worst
     * @param deliveredFps   outcomes per second over the fixed-rate measuring window (null for a search)
     * @param verdicts       verdicts of the generator's frames read live
     * @param defects        of which DEFECT
     * @param deadLetters    dead letters read live
     */
    public record Throughput(
            long sent,
            long sendFailures,
            long maxLateMs,
            Double deliveredFps,
            long verdicts,
            long defects,
            long deadLetters) {}

    /** One processor JVM: resident memory over the run, from /proc/PID/status VmRSS each second. */
    public record Instance(int index, long pid, boolean killed, long rssMaxMiB, long rssLastMiB, long rssMedianMiB) {}

    void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }
}
