package io.ultraline.stream;

/**
 * The names of the topology's processors and stores, as they appear in {@code describe()}, in
 * metrics, in topology-docs/ and in the exception handlers' decisions.
 */
public final class NodeNames {

    public static final String FRAMES_SOURCE = "frames-source";
    public static final String FRAMES_VALIDATE = "frames-validate";
    public static final String CALIBRATION_SOURCE = "calibration-source";
    public static final String CALIBRATION_VALIDATE = "calibration-validate";
    public static final String INFERENCE_INPUT = "inference-input";
    public static final String INFERENCE = "inference";
    public static final String OUTPUTS = "outputs";
    public static final String VERDICTS = "verdicts";
    public static final String DEFECTS = "defects";
    public static final String EXPLANATIONS = "explanations";
    public static final String DEAD_LETTERS = "dead-letters";
    public static final String PROFILES = "profiles";
    public static final String CAMERA_ALERTS = "camera-alerts";
    public static final String VERDICTS_BY_LINE = "verdicts-by-line";
    public static final String LINE_ALERTS = "line-alerts";
    public static final String LATEST_VERDICTS = "latest-verdicts";
    public static final String OPEN_CAMERA_ALERTS = "open-camera-alerts";
    public static final String OPEN_LINE_ALERTS = "open-line-alerts";

    /** Frames waiting for the model, key = per-task arrival sequence. */
    public static final String BUFFER_STORE = "inference-buffer";
    /** Reference profiles, key = cameraId or cameraId/productId. */
    public static final String PROFILES_STORE = "profiles";
    /** Running calibrations, key = cameraId or cameraId/productId. */
    public static final String CALIBRATION_STORE = "calibrations";
    /** Tokens of the frames collected by running calibrations, one entry per frame. */
    public static final String CALIBRATION_TOKENS_STORE = "calibration-tokens";
    /** Alert windows of camera rules, key = ruleId|cameraId. */
    public static final String CAMERA_ALERTS_STORE = "camera-alert-windows";
    /** Alert windows of line rules, key = ruleId|lineId. */
    public static final String LINE_ALERTS_STORE = "line-alert-windows";

    /** The latest verdict of every camera, key = cameraId (interactive queries). */
    public static final String LATEST_VERDICTS_STORE = "latest-verdicts";
    /** Open camera alerts, key = cameraId|ruleId (interactive queries). */
    public static final String OPEN_CAMERA_ALERTS_STORE = "open-camera-alerts";
    /** Open line alerts, key = lineId|ruleId (interactive queries). */
    public static final String OPEN_LINE_ALERTS_STORE = "open-line-alerts";

    private NodeNames() {}

    /** The sink node that writes one kind of output. */
    public static String sink(String output) {
        return output + "-sink";
    }

    /** The node that reports one kind of record to the {@link PipelineObserver}. */
    public static String observe(String output) {
        return output + "-observed";
    }
}
