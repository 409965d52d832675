package io.ultraline.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What to audit.
 *
 * @param from               first capture record time (inclusive), matched against line.frames timestamps
 * @param to                 end of the range (exclusive)
 * @param cameras            cameras to audit; empty for all
 * @param tolerance          how close a replay must come
 * @param allowModelMismatch replay even when the model's digest differs from the recorded one
 * @param untaggedBatch      batch size for verdicts that carry no batch tag (pipelines before it)
 */
public record AuditRequest(
        Instant from,
        Instant to,
        Set<String> cameras,
        Tolerance tolerance,
        boolean allowModelMismatch,
        int untaggedBatch) {

    public AuditRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(tolerance, "tolerance");
        cameras = Set.copyOf(cameras);
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
        }
        if (untaggedBatch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + untaggedBatch);
        }
    }

    boolean camera(String cameraId) {
        return cameras.isEmpty() || cameras.contains(cameraId);
    }
}
