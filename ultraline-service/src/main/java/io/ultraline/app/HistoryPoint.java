package io.ultraline.app;

import io.ultraline.avro.FrameVerdict;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One verdict as the history view and an alert's evidence show it: no image, no regions, just
 * enough to plot it and to find its frame again on line.frames (source partition and offset).
 */
record HistoryPoint(
        String cameraId,
        String lineId,
        String frameId,
        long captureMillis,
        String status,
        float frameScore,
        Float threshold,
        Double normalisedScore,
        int regionCount,
        Long profileVersion,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset) {

    static HistoryPoint of(FrameVerdict v) {
        return new HistoryPoint(
                v.getCameraId(),
                v.getLineId(),
                v.getFrameId(),
                v.getCaptureTimestamp().toEpochMilli(),
                v.getStatus().name(),
                v.getFrameScore(),
                v.getThreshold(),
                Views.normalised(v.getFrameScore(), v.getThreshold()),
                v.getRegionCount(),
                v.getProfileVersion(),
                v.getSource().getTopic(),
                v.getSource().getPartition(),
                v.getSource().getOffset());
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cameraId", cameraId);
        m.put("lineId", lineId);
        m.put("frameId", frameId);
        m.put("captureTimestamp", captureMillis);
        m.put("status", status);
        m.put("frameScore", frameScore);
        m.put("threshold", threshold);
        m.put("normalisedScore", normalisedScore);
        m.put("regionCount", regionCount);
        m.put("profileVersion", profileVersion);
        m.put("source", Map.of("topic", sourceTopic, "partition", sourcePartition, "offset", sourceOffset));
        return m;
    }
}
