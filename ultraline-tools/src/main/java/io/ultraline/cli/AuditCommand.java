package io.ultraline.cli;

import io.ultraline.audit.AuditReplay;
import io.ultraline.audit.AuditReport;
import io.ultraline.audit.AuditRequest;
import io.ultraline.audit.ModelMismatchException;
import io.ultraline.audit.ReportWriter;
import io.ultraline.audit.Tolerance;
import io.ultraline.inspect.FrameInspector;
import io.ultraline.model.ModelManifest;
import io.ultraline.model.runtime.ModelRunner;
import io.ultraline.model.runtime.RunnerOptions;
import io.ultraline.stream.FrameDecoding;
import io.ultraline.stream.FrameReplay;
import io.ultraline.stream.ModelStep;
import io.ultraline.stream.PipelineConfig;
import io.ultraline.stream.PipelineTopics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ultraline audit}: replays a time range of line.frames through the pipeline code and compares
 * with the recorded verdicts and defects. Exit 0 when every frame matches, 1 when something does not
 * (mismatch, frame without outcome, verdict without frame), 3 when the model is refused, 2 on errors.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Replay recorded frames of a time range offline and compare with the recorded verdicts and "
                + "defects. Reads only: no consumer group, no commits, no writes.")
final class AuditCommand implements Callable<Integer> {

    /** Exit code of an audit whose range holds nothing: not a pass, and not a mismatch either. */
    static final int EXIT_EMPTY_RANGE = 4;

    /** Exit code when the replay model's digest differs from the recorded one. */
    static final int MODEL_REFUSED = 3;

    @Mixin
    KafkaConnectionOptions connection;

    @Option(names = "--from", required = true, description = "range start, ISO-8601 instant or epoch ms (inclusive)")
    String from;

    @Option(names = "--to", required = true, description = "range end, ISO-8601 instant or epoch ms (exclusive)")
    String to;

    @Option(names = "--camera", description = "camera to audit (repeatable; default all)")
    List<String> cameras;

    @Option(
            names = "--model",
            defaultValue = "models/line-vit",
            description = "model directory (default ${DEFAULT-VALUE})")
    Path model;

    @Option(
            names = "--allow-model-mismatch",
            description = "replay even if the model digest differs from the recorded one")
    boolean allowModelMismatch;

    @Option(names = "--report", description = "directory for report.json and report.html")
    Path report;

    @Option(
            names = "--score-tolerance",
            defaultValue = "1e-6",
            description = "largest score/threshold difference that matches (default ${DEFAULT-VALUE}; 0 = exact)")
    double scoreTolerance;

    @Option(names = "--min-iou", defaultValue = "0.99", description = "smallest region mask IoU that matches")
    double minIoU;

    @Option(
            names = "--min-pixel-iou",
            defaultValue = "0.95",
            description = "smallest IoU of a region's pixel mask that matches (records that carry one)")
    double minPixelIoU;

    @Option(
            names = "--untagged-batch",
            defaultValue = "1",
            description = "batch size for verdicts without a batch tag (older pipelines)")
    int untaggedBatch;

    @Option(names = "--threads", defaultValue = "0", description = "TensorFlow intra-op threads (0 = auto)")
    int threads;

    @Option(names = "--inter-threads", defaultValue = "0", description = "TensorFlow inter-op threads (0 = auto)")
    int interThreads;

    @Option(
            names = "--parallel-runs",
            defaultValue = "0",
            description = "model session runs in flight at once, as the recorded run had them (0 = one per processor)")
    int parallelRuns;

    @Option(
            names = "--pipeline",
            description = "pipeline setting KEY=VALUE of the recorded run (frame limits;"
                    + " outputs.max-record-bytes, calibration.raw-pixels and calibration.concept-transform, which shape"
                    + " its profiles; explanations.*,"
                    + " which chose the frames that have maps and explanations)")
    Map<String, String> pipeline;

    @Override
    public Integer call() throws Exception {
        AuditRequest request = new AuditRequest(
                instant(from, "--from"),
                instant(to, "--to"),
                cameras == null ? java.util.Set.of() : new HashSet<>(cameras),
                new Tolerance(scoreTolerance, minIoU, minPixelIoU),
                allowModelMismatch,
                untaggedBatch);
        PipelineConfig config = PipelineConfig.parse(pipeline == null ? Map.of() : pipeline);
        PipelineTopics topics = PipelineTopics.avro(connection.serdeConfig()).withPrefix(connection.topicPrefix);
        AuditReplay audit = new AuditReplay(connection.clientConfig(), topics, request);
        AuditReplay.Recording recording = audit.read();
        ModelManifest manifest = ModelManifest.read(model);
        boolean mismatch;
        try {
            mismatch = audit.requireModel(recording, manifest.weightsSha256(), model.toString());
        } catch (ModelMismatchException e) {
            System.err.println("audit refused: " + e.getMessage());
            return MODEL_REFUSED;
        }
        if (mismatch) {
            System.err.println("warning: replaying with model " + manifest.weightsSha256()
                    + ", not the recorded one (--allow-model-mismatch)");
        }
        AuditReport result;
        try (ModelRunner runner = ModelRunner.load(
                model,
                RunnerOptions.defaults()
                        .withIntraOpThreads(threads)
                        .withInterOpThreads(interThreads)
                        .withWarmUp(false)
                        .withParallelRuns(parallelRuns))) {
            FrameInspector inspector = FrameInspector.standard(
                    runner,
                    config.outputs().maxRecordBytes(),
                    config.calibration().rawPixels());
            FrameReplay replay = new FrameReplay(
                    ModelStep.of(inspector),
                    FrameDecoding.standard(config.limits()),
                    topics,
                    config.pipelineVersion(),
                    config.explain(),
                    config.calibration());
            ProgressBar bar = ProgressBar.onStderr("audit");
            long[] drawn = {0};
            result = audit.replay(
                    recording,
                    replay,
                    new AuditReport.ModelInfo(
                            model.toString(), manifest.name(), manifest.version(), manifest.weightsSha256()),
                    mismatch,
                    (done, total) -> {
                        long now = System.nanoTime();
                        if (done >= total || now - drawn[0] > 100_000_000L) { // redraw at most 10 times a second
                            drawn[0] = now;
                            bar.update(done, total);
                        }
                    });
        }
        System.out.printf(
                "%s: %d frames in range, %d compared, %d matched, %d mismatched, %d without outcome, "
                        + "%d verdicts without frame, %d dead letters, %d unreadable records (%.1f s)%n",
                result.outcome(),
                result.framesInRange(),
                result.framesCompared(),
                result.framesMatched(),
                result.mismatches().size(),
                result.framesWithoutOutcome().size(),
                result.verdictsWithoutFrame().size(),
                result.deadLetters().size(),
                result.unreadableRecords().size(),
                result.seconds());
        for (AuditReport.ProfileResult p : result.profiles()) {
            System.out.println(
                    "  profile " + p.key() + " v" + p.version() + ": " + p.outcome() + " (" + p.detail() + ")");
        }
        for (AuditReport.Mismatch m : result.mismatches()) {
            System.out.println(
                    "  mismatch " + m.source() + " " + m.cameraId() + " " + m.frameId() + ": " + m.differences());
        }
        if (report != null) {
            ReportWriter.write(result, report);
            System.out.println(
                    "wrote " + report.resolve(ReportWriter.JSON) + " and " + report.resolve(ReportWriter.HTML));
        }
        if (result.empty()) {
            System.out.println("  nothing was recorded in " + result.framesTopic() + " or its outputs between "
                    + result.from() + " and " + result.to() + ": check the topics and the range (exit "
                    + EXIT_EMPTY_RANGE + ")");
            return EXIT_EMPTY_RANGE;
        }
        return result.passed() ? 0 : 1;
    }

    private static Instant instant(String text, String option) {
        String t = text.trim();
        try {
            return t.matches("\\d+") ? Instant.ofEpochMilli(Long.parseLong(t)) : Instant.parse(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    option + " must be an ISO-8601 instant (2026-01-31T08:00:00Z) or " + "epoch milliseconds, got '"
                            + text + "'",
                    e);
        }
    }
}
