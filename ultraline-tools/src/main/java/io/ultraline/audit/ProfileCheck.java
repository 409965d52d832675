package io.ultraline.audit;

import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.stream.CalibrationFrame;
import io.ultraline.stream.FrameReplay;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rebuilds every profile snapshot whose calibration frames all lie in the audited range from those
 * frames' replayed tokens, with the pipeline's calibration code, and compares the result with the
 * recorded snapshot byte for byte (bank, threshold, held-out scores, concept prototypes and the
 * ids they keep from the version before, or afresh after a RESET). The calibration frames of a
 * snapshot are the last {@code frameCount} frames recorded as CALIBRATING for its camera (and
 * product) in its partition, up to and including the snapshot's last calibration frame. Versions an
 * operator made from an earlier one (a normal example, a margin) are rebuilt by
 * {@link ProfileRevisionCheck}.
 */
final class ProfileCheck {

    /** Outcome of one snapshot. */
    enum Outcome {
        REPRODUCED,
        DIFFERS,
        NOT_CHECKED
    }

    private ProfileCheck() {}

    static List<AuditReport.ProfileResult> run(
            ProfileSnapshots snapshots,
            Recorded recorded,
            Map<String, CalibrationFrame> calibrationTokens,
            Map<String, CalibrationFrame> normalExamples,
            FrameReplay replay,
            Predicate<io.ultraline.avro.SourceRef> inRange,
            Predicate<String> camera) {
        List<AuditReport.ProfileResult> out = new ArrayList<>();
        List<ReferenceProfile> ordered = new ArrayList<>(snapshots.all());
        ordered.sort(Comparator.comparing(ReferenceProfile::getCameraId)
                .thenComparing(p -> String.valueOf(p.getProductId()))
                .thenComparingLong(ReferenceProfile::getVersion));
        for (ReferenceProfile s : ordered) {
            if (!camera.test(s.getCameraId())) {
                continue;
            }
            if (s.getChange() == ProfileChange.NORMAL_EXAMPLE || s.getChange() == ProfileChange.MARGIN) {
                // checked when the audit holds what they were made from: the version before and, for a
                // normal example, its frame in the range
                if (s.getChange() == ProfileChange.MARGIN || s.getSource() != null && inRange.test(s.getSource())) {
                    out.add(ProfileRevisionCheck.check(s, snapshots, normalExamples, replay));
                }
            } else if (s.getSource() != null && inRange.test(s.getSource())) {
                out.add(check(s, snapshots, recorded, calibrationTokens, replay));
            }
        }
        return out;
    }

    private static AuditReport.ProfileResult check(
            ReferenceProfile s,
            ProfileSnapshots snapshots,
            Recorded recorded,
            Map<String, CalibrationFrame> calibrationTokens,
            FrameReplay replay) {
        String key = FrameReplay.profileKey(s.getCameraId(), s.getProductId());
        String last = Recorded.key(s.getSource());
        List<String> frames = calibrationFrames(s, recorded);
        List<CalibrationFrame> tokens =
                frames.stream().map(calibrationTokens::get).toList();
        if (frames.size() < s.getFrameCount() || tokens.contains(null)) {
            return result(
                    s,
                    key,
                    last,
                    Outcome.NOT_CHECKED,
                    "only " + frames.size() + " of its " + s.getFrameCount()
                            + " calibration frames were replayed (the calibration began before the range)");
        }
        byte[] recordedBank = bytes(s.getBank());
        // the version before, whose concept ids a calibration keeps (unless a RESET came between)
        Optional<ReferenceProfile> before = snapshots.raw(key, s.getVersion() - 1);
        ConceptPrototypes previous =
                before.map(b -> decodedPrototypes(bytes(b.getBank()))).orElse(null);
        io.ultraline.defect.ReferenceProfile rebuilt = replay.calibrate(
                tokens,
                s.getVersion(),
                Instant.ofEpochMilli(s.getCreatedTimestamp().toEpochMilli()),
                previous);
        String from = "from frames " + String.join(", ", frames);
        if (Arrays.equals(ProfileCodec.encode(rebuilt), recordedBank)) {
            return result(s, key, last, Outcome.REPRODUCED, from);
        }
        ConceptPrototypes learned = rebuilt.conceptPrototypes();
        if (learned != null && previous != null) {
            // a RESET between the versions leaves nothing to keep ids from: numbered afresh
            var afresh = rebuilt.withConceptPrototypes(learned.numberedAfresh());
            if (Arrays.equals(ProfileCodec.encode(afresh), recordedBank)) {
                return result(
                        s, key, last, Outcome.REPRODUCED, from + " (concept ids numbered afresh, as after a RESET)");
            }
        }
        if (learned != null && before.isEmpty() && s.getVersion() > 1) {
            // the ids came from a version outside the audit: everything else must still be the recorded bytes
            io.ultraline.defect.ReferenceProfile was = decodedOrNull(recordedBank);
            if (was != null
                    && was.conceptPrototypes() != null
                    && Arrays.equals(
                            ProfileCodec.encode(rebuilt.withConceptPrototypes(idsOf(learned, was.conceptPrototypes()))),
                            recordedBank)) {
                return result(
                        s,
                        key,
                        last,
                        Outcome.REPRODUCED,
                        from + " (concept ids not checked: version " + (s.getVersion() - 1)
                                + " they were kept from is not in the audit)");
            }
        }
        String detail;
        try {
            io.ultraline.defect.ReferenceProfile was = ProfileCodec.decode(recordedBank);
            detail = "threshold recorded " + was.threshold() + ", rebuilt " + rebuilt.threshold() + "; bank "
                    + was.bankSize() + " vs " + rebuilt.bankSize() + " tokens"
                    + (was.bank().equals(rebuilt.bank()) ? " (equal)" : " (different)");
        } catch (IllegalArgumentException e) {
            detail = "the recorded profile bytes do not decode: " + e.getMessage();
        }
        return result(s, key, last, Outcome.DIFFERS, detail);
    }

    /** The concept prototypes of a recorded profile's bytes; null when it has none or does not decode. */
    private static ConceptPrototypes decodedPrototypes(byte[] bank) {
        io.ultraline.defect.ReferenceProfile p = decodedOrNull(bank);
        return p == null ? null : p.conceptPrototypes();
    }

    private static io.ultraline.defect.ReferenceProfile decodedOrNull(byte[] bank) {
        try {
            return ProfileCodec.decode(bank);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code learned} under the ids {@code recorded} gives them, where both have as many prototypes. */
    private static ConceptPrototypes idsOf(ConceptPrototypes learned, ConceptPrototypes recorded) {
        return learned.count() == recorded.count() ? learned.withIds(recorded.ids()) : learned;
    }

    /** Sources of the snapshot's calibration frames, in offset order. */
    private static List<String> calibrationFrames(ReferenceProfile s, Recorded recorded) {
        Map<Long, String> byOffset = new LinkedHashMap<>();
        int partition = s.getSource().getPartition();
        long lastOffset = s.getSource().getOffset();
        recorded.allVerdicts()
                .forEach((source, verdicts) -> verdicts.stream()
                        .map(Recorded.Verdict::verdict)
                        .filter(v -> v.getStatus() == VerdictStatus.CALIBRATING
                                && v.getCameraId().equals(s.getCameraId())
                                && (s.getProductId() == null || s.getProductId().equals(v.getProductId()))
                                && v.getSource().getPartition() == partition
                                && v.getSource().getOffset() <= lastOffset)
                        .findFirst()
                        .ifPresent(v -> byOffset.put(v.getSource().getOffset(), source)));
        List<Long> offsets = new ArrayList<>(byOffset.keySet());
        offsets.sort(Comparator.naturalOrder());
        List<Long> wanted = offsets.subList(Math.max(0, offsets.size() - s.getFrameCount()), offsets.size());
        return wanted.stream().map(byOffset::get).toList();
    }

    static AuditReport.ProfileResult result(
            ReferenceProfile s, String key, String last, Outcome outcome, String detail) {
        return new AuditReport.ProfileResult(key, s.getVersion(), last, outcome.name(), detail);
    }

    static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
