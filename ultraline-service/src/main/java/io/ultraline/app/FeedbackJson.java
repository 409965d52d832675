package io.ultraline.app;

import io.ultraline.avro.OperatorFeedback;
import java.util.LinkedHashMap;
import java.util.Map;

/** Feedback as the API shows it (the contract the dashboard codes against); timestamps in epoch ms. */
final class FeedbackJson {

    private FeedbackJson() {}

    static Map<String, Object> of(OperatorFeedback f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feedbackId", f.getFeedbackId());
        m.put("cameraId", f.getCameraId());
        m.put("kind", f.getKind().name());
        m.put("frameId", f.getFrameId());
        m.put("alertId", f.getAlertId());
        m.put("regionIndex", f.getRegionIndex());
        m.put("defectType", f.getDefectType());
        if (f.getSource() == null) {
            m.put("source", null);
        } else {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("topic", f.getSource().getTopic());
            source.put("partition", f.getSource().getPartition());
            source.put("offset", f.getSource().getOffset());
            m.put("source", source);
        }
        m.put("note", f.getNote());
        m.put("operator", f.getOperator());
        m.put("timestamp", f.getTimestamp().toEpochMilli());
        return m;
    }
}
