package io.ultraline.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ultraline.stream.PipelineVersion;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one audit, as written to report.json and rendered into report.html.
 *
 * @param framesTopic        the replayed topic
 * @param from               start of the range (inclusive)
 * @param to                 end of the range (exclusive)
 * @param cameras            cameras audited; empty for all
 * @param model              the replay's model
 * @param recordedModels     distinct model stamps on the audited verdicts ({@code name version digest})
 * @param modelMismatch      whether the replay's model digest differs from a recorded one (replayed
 *                           anyway under --allow-model-mismatch)
 * @param recordedPipelines  distinct pipeline versions stamped on the audited verdicts
 * @param tolerance          the comparison's tolerance
 * @param framesInRange      frames on the topic in the range (of the audited cameras)
 * @param framesCompared     frames whose recorded outcome was compared with a replay
 * @param framesMatched      of those, the ones that matched
 * @param mismatches         every frame that did not match, with its differences
 * @param framesWithoutOutcome frames with neither a verdict nor a dead letter
 * @param verdictsWithoutFrame verdicts of the range whose frame is not on the topic
 * @param deadLetters        dead letters of frames in the range
 * @param unreadableRecords  records of the output topics that could not be deserialized
 * @param profiles           profile snapshots calibrated on frames of the range, rebuilt and compared
 * @param seconds            wall time of the replay
 */
@JsonPropertyOrder({"outcome", "passed"})
public record AuditReport(
        String framesTopic,
        Instant from,
        Instant to,
        List<String> cameras,
        ModelInfo model,
        List<String> recordedModels,
        boolean modelMismatch,
        List<String> recordedPipelines,
        Tolerance tolerance,
        int framesInRange,
        int framesCompared,
        int framesMatched,
        List<Mismatch> mismatches,
        List<String> framesWithoutOutcome,
        List<String> verdictsWithoutFrame,
        List<DeadLetter> deadLetters,
        List<String> unreadableRecords,
        List<ProfileResult> profiles,
        double seconds) {

    /** The pipeline version of this replay's code, the one it stamps on what it would write. */
    @JsonProperty("replayPipeline")
    public String replayPipeline() {
        return PipelineVersion.CURRENT;
    }

    /**
     * Whether some audited verdict was written by another pipeline version than the replay's: then
     * a difference may come from a change in the code (a new concept step, new pixel masks), not
     * from the records. Reported, not failed: the comparison itself stays as strict.
     */
    @JsonProperty("pipelineMismatch")
    public boolean pipelineMismatch() {
        return recordedPipelines.stream().anyMatch(v -> !v.equals(PipelineVersion.CURRENT));
    }

    /** The replay's model. */
    public record ModelInfo(String directory, String name, String version, String digest) {}

    /**
     * A frame whose replay differs from its record.
     *
     * @param source         {@code partition@offset} on the frames topic
     * @param overlayPng     PNG of the frame with replayed scores and both sets of regions, or null
     */
    public record Mismatch(
            String source,
            String cameraId,
            String frameId,
            String recordedOutcome,
            String replayedOutcome,
            List<Difference> differences,
            @JsonIgnore byte[] overlayPng) {}

    /**
     * A dead letter of a frame in the range.
     *
     * @param replayAgrees whether the replay rejects the frame for the same reason
     */
    public record DeadLetter(
            String source, String cameraId, String frameId, String reason, String message, boolean replayAgrees) {}

    /**
     * A profile snapshot rebuilt from its calibration frames.
     *
     * @param key       profile key (cameraId or cameraId/productId)
     * @param lastFrame {@code partition@offset} of its last calibration frame
     * @param outcome   REPRODUCED (byte for byte), DIFFERS or NOT_CHECKED
     */
    public record ProfileResult(String key, long version, String lastFrame, String outcome, String detail) {}

    /**
     * Whether the audit passed: every frame matched, every frame and verdict has its counterpart, every
     * recorded output could be read and no rebuilt profile differs from its snapshot.
     */
    @JsonProperty("passed")
    public boolean passed() {
        return !empty()
                && mismatches.isEmpty()
                && framesWithoutOutcome.isEmpty()
                && verdictsWithoutFrame.isEmpty()
                && unreadableRecords.isEmpty()
                && profiles.stream().noneMatch(p -> p.outcome().equals(ProfileCheck.Outcome.DIFFERS.name()));
    }

    /**
     * Whether the range held nothing to audit: no frame, verdict, dead letter, profile or unreadable
     * record. An empty range proves nothing (a wrong topic or time range looks the same), so it is
     * not a pass.
     */
    public boolean empty() {
        return framesInRange == 0
                && verdictsWithoutFrame.isEmpty()
                && deadLetters.isEmpty()
                && unreadableRecords.isEmpty()
                && profiles.isEmpty();
    }

    /** EMPTY, PASSED or FAILED. */
    @JsonProperty("outcome")
    public String outcome() {
        return empty() ? "EMPTY" : passed() ? "PASSED" : "FAILED";
    }
}
