package io.ultraline.audit;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.frame.ImageFiles;
import io.ultraline.inspect.AssessmentOverlay;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.stream.CalibrationFrame;
import io.ultraline.stream.FrameReplay;
import io.ultraline.ultra.render.GridOverlay;
import io.ultraline.ultra.transform.TokenTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges each replayed frame of the range against what was recorded for it and collects the
 * findings: matched, mismatched (with differences and an overlay picture), no outcome at all, dead
 * letters. Not thread-safe.
 */
final class FrameJudge {

    private static final int RECORDED_OUTLINE = 0xff3030;
    private static final int OVERLAY_SIDE = 320;
    private static final int CAPTION_CHARS = 44;

    private final Recorded recorded;
    private final ProfileSnapshots profiles;
    private final FrameReplay replay;
    private final Tolerance tolerance;

    int compared;
    int matched;
    final List<AuditReport.Mismatch> mismatches = new ArrayList<>();
    final List<String> withoutOutcome = new ArrayList<>();
    final List<AuditReport.DeadLetter> deadLetters = new ArrayList<>();
    /** Replayed tokens of the frames recorded as CALIBRATING, by source, for {@link ProfileCheck}. */
    final Map<String, CalibrationFrame> calibrationTokens = new HashMap<>();
    /** Replayed one-frame tokens of the frames taught as normal, by source, for {@link ProfileCheck}. */
    final Map<String, CalibrationFrame> normalExamples = new HashMap<>();

    private final java.util.Set<String> normalExampleSources;

    FrameJudge(Recorded recorded, ProfileSnapshots profiles, FrameReplay replay, Tolerance tolerance) {
        this.recorded = recorded;
        this.profiles = profiles;
        this.replay = replay;
        this.tolerance = tolerance;
        this.normalExampleSources = profiles.normalExampleSources();
    }

    /**
     * The token transform W of the profile the frame's recorded verdict names, null when it names
     * none or its snapshot is missing (the judge then reports that): in mode all the inference node
     * explained the frame through it.
     */
    TokenTransform transform(FrameReplay.Ready frame) {
        for (Recorded.Verdict v : recorded.verdicts(Recorded.key(frame.source()))) {
            FrameVerdict verdict = v.verdict();
            if (verdict.getProfileVersion() != null) {
                return profiles.find(verdict.getCameraId(), verdict.getProductId(), verdict.getProfileVersion())
                        .map(s -> s.profile().transform())
                        .orElse(null);
            }
        }
        return null;
    }

    /** A frame the replay rejects before the model: it must have been dead-lettered for the same reason. */
    void rejected(FrameReplay.Rejected r, String cameraId) {
        String source = Recorded.key(r.source());
        List<Recorded.Verdict> verdicts = recorded.verdicts(source);
        List<RejectedFrame> dead = recorded.deadLetters(source);
        boolean agrees = verdicts.isEmpty() && dead.size() == 1 && dead.get(0).getReason() == r.reason();
        noteDeadLetters(source, dead, r.reason());
        if (verdicts.isEmpty() && dead.isEmpty()) {
            withoutOutcome.add(source);
            return;
        }
        compared++;
        if (agrees) {
            matched++;
            return;
        }
        mismatches.add(new AuditReport.Mismatch(
                source,
                cameraId,
                null,
                outcome(verdicts, dead),
                "dead letter " + r.reason(),
                List.of(new Difference(
                        "outcome", outcome(verdicts, dead), "dead letter " + r.reason() + ": " + r.message())),
                null));
    }

    /** A frame the replay ran through the model. */
    void inspected(FrameReplay.Ready frame, FrameReplay.Replayed result) {
        String source = Recorded.key(frame.source());
        if (normalExampleSources.contains(source)) {
            // as the inference node computed them for ADD_NORMAL: the frame alone in a model call
            CalibrationFrame example = replay.normalExample(frame);
            if (example != null) {
                normalExamples.put(source, example);
            }
        }
        List<Recorded.Verdict> verdicts = recorded.verdicts(source);
        List<RejectedFrame> dead = recorded.deadLetters(source);
        noteDeadLetters(source, dead, result.failure() != null ? RejectReason.MODEL_FAILED : null);
        String replayed = result.failure() != null ? "model failed: " + result.failure() : "verdict";
        if (verdicts.isEmpty()) {
            if (dead.isEmpty()) {
                withoutOutcome.add(source);
                return;
            }
            compared++;
            if (result.failure() != null && dead.size() == 1 && dead.get(0).getReason() == RejectReason.MODEL_FAILED) {
                matched++;
            } else {
                mismatch(
                        frame,
                        verdicts,
                        dead,
                        replayed,
                        List.of(new Difference("outcome", outcome(verdicts, dead), replayed)),
                        null);
            }
            return;
        }
        compared++;
        List<Difference> diffs = new ArrayList<>();
        if (verdicts.size() > 1) {
            diffs.add(new Difference("verdicts", verdicts.size() + " verdicts for one frame", "exactly one"));
        }
        if (!dead.isEmpty()) {
            diffs.add(new Difference("outcome", outcome(verdicts, dead), "one outcome per frame"));
        }
        if (result.failure() != null) {
            diffs.add(new Difference("outcome", outcome(verdicts, dead), replayed));
            mismatch(frame, verdicts, dead, replayed, diffs, null);
            return;
        }
        if (verdicts.stream().anyMatch(v -> v.verdict().getStatus() == VerdictStatus.CALIBRATING)) {
            calibrationTokens.put(source, CalibrationFrame.of(result.frame()));
        }
        FrameReplay.Outputs shown = null;
        for (Recorded.Verdict v : verdicts) {
            String prefix = verdicts.size() > 1 ? "verdict@" + v.partition() + ":" + v.offset() + "." : "";
            Optional<FrameReplay.Outputs> outputs = outputs(v.verdict(), frame, result.frame(), diffs, prefix);
            if (outputs.isPresent()) {
                for (Difference d : FrameComparison.compare(
                        v.verdict(),
                        recorded.defects(source),
                        outputs.get().verdict(),
                        outputs.get().defects(),
                        tolerance)) {
                    diffs.add(new Difference(prefix + d.field(), d.recorded(), d.replayed()));
                }
                ExplanationCheck.compare(
                                recorded.explanations(source),
                                outputs.get().explained(),
                                // their content only where equal floats are asked for: maps from
                                // another device or batch differ in their last bits
                                tolerance.score() == 0 ? outputs.get().explanation() : null)
                        .ifPresent(d -> diffs.add(new Difference(prefix + d.field(), d.recorded(), d.replayed())));
                shown = outputs.get();
            }
        }
        if (diffs.isEmpty()) {
            matched++;
        } else {
            mismatch(
                    frame,
                    verdicts,
                    dead,
                    shown == null ? replayed : "verdict " + shown.verdict().getStatus(),
                    diffs,
                    overlay(frame, result.frame(), shown, recorded.defects(source), diffs));
        }
    }

    /** The replayed records for one recorded verdict, under the profile version it names. */
    private Optional<FrameReplay.Outputs> outputs(
            FrameVerdict v, FrameReplay.Ready frame, InspectedFrame inspected, List<Difference> diffs, String prefix) {
        long now = v.getProcessedTimestamp().toEpochMilli();
        Long version = v.getProfileVersion();
        if (version == null) {
            if (v.getStatus() == VerdictStatus.OK || v.getStatus() == VerdictStatus.DEFECT) {
                diffs.add(new Difference(
                        prefix + "profileVersion",
                        "none on a " + v.getStatus() + " verdict",
                        "a scored verdict names its profile"));
                return Optional.empty();
            }
            return Optional.of(replay.unscored(frame, inspected, v.getStatus(), now));
        }
        Optional<ProfileSnapshots.Snapshot> snapshot = profiles.find(v.getCameraId(), v.getProductId(), version);
        if (snapshot.isEmpty()) {
            diffs.add(new Difference(
                    prefix + "profile", "version " + version, "no snapshot of that version on the profiles topic"));
            return Optional.empty();
        }
        if (!snapshot.get().modelDigest().equals(v.getModel().getDigest())) {
            diffs.add(new Difference(
                    prefix + "profile.model",
                    v.getModel().getDigest(),
                    "profile snapshot of model " + snapshot.get().modelDigest()));
        }
        return Optional.of(replay.score(frame, inspected, snapshot.get().profile(), version, now));
    }

    private void noteDeadLetters(String source, List<RejectedFrame> dead, RejectReason replayReason) {
        for (RejectedFrame d : dead) {
            deadLetters.add(new AuditReport.DeadLetter(
                    source,
                    d.getCameraId(),
                    d.getFrameId(),
                    d.getReason().name(),
                    d.getMessage(),
                    d.getReason() == replayReason));
        }
    }

    private void mismatch(
            FrameReplay.Ready frame,
            List<Recorded.Verdict> verdicts,
            List<RejectedFrame> dead,
            String replayed,
            List<Difference> diffs,
            byte[] png) {
        mismatches.add(new AuditReport.Mismatch(
                Recorded.key(frame.source()),
                frame.frame().getCameraId(),
                frame.frame().getFrameId(),
                outcome(verdicts, dead),
                replayed,
                List.copyOf(diffs),
                png));
    }

    private static String outcome(List<Recorded.Verdict> verdicts, List<RejectedFrame> dead) {
        List<String> parts = new ArrayList<>();
        verdicts.forEach(v -> parts.add("verdict " + v.verdict().getStatus()));
        dead.forEach(d -> parts.add("dead letter " + d.getReason()));
        return parts.isEmpty() ? "nothing" : String.join(" + ", parts);
    }

    /** The frame as the model saw it: replayed scores and regions (green), recorded regions (red). */
    private static byte[] overlay(
            FrameReplay.Ready frame,
            InspectedFrame inspected,
            FrameReplay.Outputs replayed,
            List<DefectRegion> recordedRegions,
            List<Difference> diffs) {
        BufferedImage image = frame.modelImage().toBufferedImage();
        GridOverlay overlay = replayed != null && replayed.assessment() != null
                ? AssessmentOverlay.draw(image, replayed.assessment(), OVERLAY_SIDE)
                : new GridOverlay(image, grid(inspected), grid(inspected), OVERLAY_SIDE);
        for (DefectRegion d : recordedRegions) {
            try {
                if (d.getPixelMask() != null) {
                    overlay.outlinePixels(
                            MaskIoU.pixels(d.getPixelMask()),
                            d.getPixelMask().getWidth(),
                            d.getPixelMask().getHeight(),
                            RECORDED_OUTLINE);
                } else {
                    overlay.outline(MaskIoU.cells(d.getMask()), RECORDED_OUTLINE);
                }
            } catch (IllegalArgumentException e) {
                // a malformed recorded mask is already a difference; nothing to draw
            }
        }
        // the page's table has the details; the caption names the frame and what differs, cut to the width
        List<String> caption = List.of(
                cut(frame.frame().getCameraId() + " " + frame.frame().getFrameId() + " @"
                        + Recorded.key(frame.source())),
                cut("differs: "
                        + String.join(
                                ", ",
                                diffs.stream().map(Difference::field).distinct().toList())),
                "green: replayed, red (on top): recorded regions",
                "heat: replayed token scores");
        return ImageFiles.pngBytes(overlay.withCaption(caption));
    }

    /** Side of the square token grid (a frame scanned in two-stage mode has no segmentation to ask). */
    private static int grid(InspectedFrame inspected) {
        return (int) Math.round(Math.sqrt(inspected.modelOutput().numPatches()));
    }

    private static String cut(String line) {
        return line.length() <= CAPTION_CHARS ? line : line.substring(0, CAPTION_CHARS - 3) + "...";
    }
}
