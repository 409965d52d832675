package io.ultraline.stream;

import java.util.List;

/**
 * The names of the topics ultraline reads and writes: the one place code takes them from.
 * {@code topology-docs/topics.md} documents every one of them (key, value schema, partitioning,
 * retention), and {@code TopicsDocTest} fails when code and document disagree.
 */
public final class Topics {

    /** Camera frames in ({@code CameraFrame}), key cameraId. */
    public static final String FRAMES = "line.frames";
    /** One verdict per processed frame ({@code FrameVerdict}), key cameraId. */
    public static final String VERDICTS = "line.verdicts";
    /** One record per defect region ({@code DefectRegion}), key cameraId. */
    public static final String DEFECTS = "line.defects";
    /** ULTra concept maps and heatmaps per frame ({@code FrameExplanation}), key cameraId. */
    public static final String EXPLANATIONS = "line.explanations";
    /** Alert openings and clearings ({@code LineAlert}), key scope id (camera or line). */
    public static final String ALERTS = "line.alerts";
    /** Dead letters of line.frames ({@code RejectedFrame}), key = the original key bytes. */
    public static final String FRAMES_DLQ = "line.frames.dlq";
    /** Calibration commands ({@code CalibrationCommand}), key cameraId. */
    public static final String CALIBRATION = "line.calibration";
    /** Reference profile snapshots ({@code ReferenceProfile}), compacted, key cameraId[/productId]. */
    public static final String PROFILES = "line.profiles";
    /**
     * Operators' feedback ({@code OperatorFeedback}): false alarms, confirmed defects, alert
     * acknowledgements; key cameraId. Written by the API, read by the service's view and
     * {@code ultraline feedback export}; the topology does not read it (a false alarm reaches the
     * profile as an ADD_NORMAL command on line.calibration).
     */
    public static final String FEEDBACK = "line.feedback";
    /**
     * Dead letters of the webhook forwarder ({@code ultraline alerts forward}): alerts it gave up on,
     * as a JSON string value (see docs/alerting.md), key = the alert's key. Not part of the topology.
     */
    public static final String ALERTS_DLQ = "line.alerts.dlq";

    private static final List<String> PIPELINE =
            List.of(FRAMES, VERDICTS, DEFECTS, EXPLANATIONS, ALERTS, FRAMES_DLQ, CALIBRATION, PROFILES);
    private static final List<String> ALL = List.of(
            FRAMES, VERDICTS, DEFECTS, EXPLANATIONS, ALERTS, FRAMES_DLQ, CALIBRATION, PROFILES, FEEDBACK, ALERTS_DLQ);

    private Topics() {}

    /** Every topic name above, in data-flow order; immutable. */
    public static List<String> all() {
        return ALL;
    }

    /** The topics the Kafka Streams topology reads or writes (not line.feedback, not the alert consumers' own); immutable. */
    public static List<String> pipeline() {
        return PIPELINE;
    }
}
