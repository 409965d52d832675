package io.ultraline.stream;

import io.ultraline.avro.AlertKind;
import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies the alert rules of one scope to verdicts keyed by that scope's id (the camera id, or the
 * line id after the regrouping), keeping each rule's window in a persistent changelogged store under
 * {@code ruleId|scopeId}. Writes a LineAlert when an alert opens and when it clears; both carry the
 * same alertId, {@code ruleId/scopeId/topic-partition-offset} of the opening frame, so a replay
 * produces the same ids.
 */
final class AlertProcessor implements FixedKeyProcessor<String, FrameVerdict, LineAlert> {

    private final AlertScope scope;
    private final List<AlertRule> rules;
    private final String storeName;
    private final String pipelineVersion;
    private FixedKeyProcessorContext<String, LineAlert> context;
    private KeyValueStore<String, byte[]> windows;

    AlertProcessor(AlertScope scope, List<AlertRule> rules, String storeName, String pipelineVersion) {
        this.scope = scope;
        this.rules = rules;
        this.storeName = storeName;
        this.pipelineVersion = pipelineVersion;
    }

    static FixedKeyProcessorSupplier<String, FrameVerdict, LineAlert> supplier(
            AlertScope scope, List<AlertRule> rules, String storeName, String pipelineVersion) {
        return () -> new AlertProcessor(scope, rules, storeName, pipelineVersion);
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LineAlert> context) {
        this.context = context;
        this.windows = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, FrameVerdict> record) {
        FrameVerdict verdict = record.value();
        if (verdict == null) {
            return;
        }
        String scopeId = record.key();
        SourceRef source = verdict.getSource();
        float threshold = verdict.getThreshold() == null ? 0f : verdict.getThreshold();
        for (AlertRule rule : rules) {
            if (!rule.watches(verdict.getStatus())) {
                continue;
            }
            boolean counted = rule.counts(verdict.getStatus(), verdict.getFrameScore(), threshold);
            String storeKey = rule.ruleId() + "|" + scopeId;
            AlertWindow window = AlertWindow.decode(windows.get(storeKey));
            String newId = rule.ruleId() + "/" + scopeId + "/" + source.getTopic() + "-" + source.getPartition() + "-"
                    + source.getOffset();
            AlertWindow.Change change =
                    window.add(rule, verdict.getCaptureTimestamp().toEpochMilli(), counted, newId);
            if (change != AlertWindow.Change.NONE) {
                // of the verdict's headers only its frame's trace context fits the alert (the batch tag does not)
                context.forward(record.withValue(alert(rule, scopeId, window, change, verdict))
                        .withHeaders(TraceContext.of(record.headers())));
                if (change == AlertWindow.Change.CLEARED) {
                    window.closeAlert();
                }
            }
            windows.put(storeKey, window.encode());
        }
    }

    private LineAlert alert(
            AlertRule rule, String scopeId, AlertWindow window, AlertWindow.Change change, FrameVerdict cause) {
        boolean opened = change == AlertWindow.Change.OPENED;
        String what = (scope == AlertScope.CAMERA ? "camera " : "line ") + scopeId;
        String message = rule.kind() == AlertKind.RECALIBRATION_SUGGESTED
                ? String.format(
                        Locale.ROOT,
                        "%s: %d of the last %d normal frames of %s score at or above %.2f of their"
                                + " threshold; the surface, the light or the camera may have drifted since calibration,"
                                + " consider recalibrating (rule %s opens at %d, clears at %d%s)",
                        opened ? "OPEN" : "CLEARED",
                        window.defectiveFrames(),
                        window.frames(),
                        what,
                        rule.level(),
                        rule.ruleId(),
                        rule.open(),
                        rule.clear(),
                        windowText(rule))
                : String.format(
                        Locale.ROOT,
                        "%s: %d of the last %d inspected frames of %s are defective (rule %s opens"
                                + " at %d, clears at %d%s)",
                        opened ? "OPEN" : "CLEARED",
                        window.defectiveFrames(),
                        window.frames(),
                        what,
                        rule.ruleId(),
                        rule.open(),
                        rule.clear(),
                        windowText(rule));
        ModelStamp model = cause.getModel();
        SourceRef source = cause.getSource();
        return LineAlert.newBuilder()
                .setAlertId(window.alertId())
                .setRuleId(rule.ruleId())
                .setScope(scope)
                .setScopeId(scopeId)
                .setState(opened ? AlertState.OPEN : AlertState.CLEARED)
                .setOpenedTimestamp(Instant.ofEpochMilli(window.openedTimestamp()))
                .setEventTimestamp(cause.getCaptureTimestamp())
                .setDefectiveFrames(window.defectiveFrames())
                .setWindowFrames(window.frames())
                .setWindowMillis(rule.window().toMillis())
                .setMessage(message)
                .setSource(new SourceRef(source.getTopic(), source.getPartition(), source.getOffset()))
                .setModel(new ModelStamp(model.getName(), model.getVersion(), model.getDigest()))
                .setProfileVersion(cause.getProfileVersion())
                .setPipelineVersion(pipelineVersion)
                .setAttributes(new java.util.HashMap<>(cause.getAttributes()))
                .setKind(rule.kind())
                .build();
    }

    private static String windowText(AlertRule rule) {
        return rule.timeBounded() ? ", window " + rule.window().toMillis() + " ms" : "";
    }
}
