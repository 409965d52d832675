package io.ultraline.app;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.Heatmap;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON shapes (maps) of the Avro records the API returns; the field names are the schemas'.
 * Alerts use the webhook's shape, {@link io.ultraline.alerting.AlertJson}.
 */
final class Views {

    private Views() {}

    static Map<String, Object> verdict(FrameVerdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cameraId", v.getCameraId());
        m.put("lineId", v.getLineId());
        m.put("frameId", v.getFrameId());
        m.put("productId", v.getProductId());
        m.put("status", v.getStatus().name());
        m.put("frameScore", v.getFrameScore());
        m.put("threshold", v.getThreshold());
        m.put("normalisedScore", normalised(v.getFrameScore(), v.getThreshold()));
        m.put("regionCount", v.getRegionCount());
        m.put("conceptCount", v.getConceptCount());
        m.put("captureTimestamp", v.getCaptureTimestamp().toEpochMilli());
        m.put("processedTimestamp", v.getProcessedTimestamp().toEpochMilli());
        m.put("profileVersion", v.getProfileVersion());
        m.put(
                "model",
                Map.of(
                        "name",
                        v.getModel().getName(),
                        "version",
                        v.getModel().getVersion(),
                        "digest",
                        v.getModel().getDigest()));
        m.put(
                "source",
                source(
                        v.getSource().getTopic(),
                        v.getSource().getPartition(),
                        v.getSource().getOffset()));
        m.put("pipelineVersion", v.getPipelineVersion());
        return m;
    }

    /**
     * score / threshold: 1 is the camera's own threshold whatever its scale, so cameras compare;
     * null without a positive threshold (uncalibrated, calibrating).
     */
    static Double normalised(float score, Float threshold) {
        return threshold == null || !(threshold > 0) || !Float.isFinite(score) ? null : (double) score / threshold;
    }

    static Map<String, Object> defect(DefectRegion d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regionIndex", d.getRegionIndex());
        m.put("conceptId", d.getConceptId());
        m.put("score", d.getScore());
        m.put("threshold", d.getThreshold());
        m.put("tokenArea", d.getTokenArea());
        m.put("pixelArea", d.getPixelArea());
        m.put(
                "box",
                Map.of(
                        "x",
                        d.getBox().getX(),
                        "y",
                        d.getBox().getY(),
                        "width",
                        d.getBox().getWidth(),
                        "height",
                        d.getBox().getHeight()));
        m.put(
                "mask",
                Map.of(
                        "gridHeight",
                        d.getMask().getGridHeight(),
                        "gridWidth",
                        d.getMask().getGridWidth(),
                        "runs",
                        d.getMask().getRuns()));
        m.put("explanation", heatmap(d.getExplanation()));
        return m;
    }

    static Map<String, Object> explanation(FrameExplanation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridHeight", e.getGridHeight());
        m.put("gridWidth", e.getGridWidth());
        m.put("conceptCount", e.getConceptCount());
        m.put("tokenLabels", e.getTokenLabels());
        // the camera's id of each label (pipeline 0.7.0), null where its profile has no concept prototypes
        m.put("conceptIds", e.getConceptIds());
        List<Object> heatmaps = new ArrayList<>();
        e.getConceptHeatmaps().forEach(h -> heatmaps.add(heatmap(h)));
        m.put("conceptHeatmaps", heatmaps);
        m.put("tokenScores", e.getTokenScores() == null ? null : heatmap(e.getTokenScores()));
        m.put("threshold", e.getThreshold());
        return m;
    }

    /** min, max and the 8-bit levels (0 = min, 255 = max), row-major. */
    static Map<String, Object> heatmap(Heatmap h) {
        ByteBuffer b = h.getValues().duplicate();
        int[] levels = new int[b.remaining()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = b.get() & 0xff;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gridHeight", h.getGridHeight());
        m.put("gridWidth", h.getGridWidth());
        m.put("min", h.getMin());
        m.put("max", h.getMax());
        m.put("levels", levels);
        return m;
    }

    private static Map<String, Object> source(String topic, int partition, long offset) {
        return Map.of("topic", topic, "partition", partition, "offset", offset);
    }
}
