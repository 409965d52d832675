package io.ultraline.control;

import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.SourceRef;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * An operator's judgement of one frame, checked before it is written to line.feedback: a false
 * alarm, or a confirmed defect of a known type. The checks run where the operator is (API, CLI)
 * so a bad request is refused at once with the reason, never found later in a consumer's log.
 *
 * @param kind        FALSE_ALARM or CONFIRMED_DEFECT
 * @param cameraId    camera
 * @param frameId     the judged frame
 * @param regionIndex the judged region, or null for the whole frame
 * @param defectType  for CONFIRMED_DEFECT: one of {@link #DEFECT_TYPES}; null otherwise
 * @param note        free text, or null
 */
public record FeedbackRequest(
        FeedbackKind kind, String cameraId, String frameId, Integer regionIndex, String defectType, String note) {

    /** The defect types an operator can confirm: the labels {@code evaluate} datasets use. */
    public static final List<String> DEFECT_TYPES =
            List.of("scratch", "crack", "particle", "hole", "stain", "misprint", "dent");

    /** Longest note kept: feedback is a label, not a report. */
    public static final int MAX_NOTE = 2000;

    public FeedbackRequest {
        if (kind != FeedbackKind.FALSE_ALARM && kind != FeedbackKind.CONFIRMED_DEFECT) {
            throw new IllegalArgumentException("feedback on a frame is FALSE_ALARM or CONFIRMED_DEFECT, got " + kind);
        }
        cameraId = required(cameraId, "a camera id");
        frameId = required(frameId, "a frame id");
        if (regionIndex != null && regionIndex < 0) {
            throw new IllegalArgumentException("regionIndex must be >= 0, got " + regionIndex);
        }
        defectType = defectType == null || defectType.isBlank()
                ? null
                : defectType.trim().toLowerCase(Locale.ROOT);
        if (kind == FeedbackKind.CONFIRMED_DEFECT && (defectType == null || !DEFECT_TYPES.contains(defectType))) {
            throw new IllegalArgumentException("CONFIRMED_DEFECT needs a defectType, one of " + DEFECT_TYPES
                    + (defectType == null ? "" : "; got '" + defectType + "'"));
        }
        if (kind == FeedbackKind.FALSE_ALARM && defectType != null) {
            throw new IllegalArgumentException("a FALSE_ALARM has no defectType");
        }
        note = checkedNote(note);
    }

    /** The kind named by {@code text} (false_alarm, CONFIRMED_DEFECT, ...). */
    public static FeedbackKind kind(String text) {
        if (text != null) {
            try {
                FeedbackKind k = FeedbackKind.valueOf(
                        text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
                if (k == FeedbackKind.FALSE_ALARM || k == FeedbackKind.CONFIRMED_DEFECT) {
                    return k;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("unknown feedback kind '" + text + "': FALSE_ALARM or CONFIRMED_DEFECT");
    }

    /** The feedback record, with a new id. */
    public OperatorFeedback feedback(SourceRef source, String operator, Instant now) {
        return OperatorFeedback.newBuilder()
                .setFeedbackId("fb-" + UUID.randomUUID())
                .setCameraId(cameraId)
                .setKind(kind)
                .setFrameId(frameId)
                .setRegionIndex(regionIndex)
                .setDefectType(defectType)
                .setSource(source)
                .setNote(note)
                .setOperator(operator)
                .setTimestamp(now)
                .build();
    }

    /** An acknowledgement of {@code alertId}, whose scope id keys the record. */
    public static OperatorFeedback acknowledgement(
            String scopeId, String alertId, String note, String operator, Instant now) {
        return OperatorFeedback.newBuilder()
                .setFeedbackId("fb-" + UUID.randomUUID())
                .setCameraId(required(scopeId, "the alert's scope id"))
                .setKind(FeedbackKind.ALERT_ACK)
                .setAlertId(required(alertId, "an alert id"))
                .setNote(checkedNote(note))
                .setOperator(operator)
                .setTimestamp(now)
                .build();
    }

    private static String checkedNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        if (note.length() > MAX_NOTE) {
            throw new IllegalArgumentException(
                    "a note holds at most " + MAX_NOTE + " characters, got " + note.length());
        }
        return note.strip();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("feedback needs " + what);
        }
        return value;
    }
}
