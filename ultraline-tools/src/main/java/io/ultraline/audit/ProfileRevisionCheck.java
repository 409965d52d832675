package io.ultraline.audit;

import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ProfileRevisions;
import io.ultraline.stream.CalibrationFrame;
import io.ultraline.stream.FrameReplay;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a profile version an operator made from the version before it (ADD_NORMAL: a frame
 * taught as normal; MARGIN: a threshold margin) with the pipeline's own revision code, from the
 * recorded previous snapshot, the normal frame's replayed tokens and the recorded margin, and
 * compares it with the recorded snapshot byte for byte.
 */
final class ProfileRevisionCheck {

    private ProfileRevisionCheck() {}

    static AuditReport.ProfileResult check(
            ReferenceProfile s,
            ProfileSnapshots snapshots,
            Map<String, CalibrationFrame> normalExamples,
            FrameReplay replay) {
        String key = FrameReplay.profileKey(s.getCameraId(), s.getProductId());
        String at = s.getSource() == null ? null : Recorded.key(s.getSource());
        if (s.getBasedOnVersion() == null) {
            return ProfileCheck.result(
                    s, key, at, ProfileCheck.Outcome.NOT_CHECKED, s.getChange() + " without basedOnVersion");
        }
        Optional<ReferenceProfile> before = snapshots.raw(key, s.getBasedOnVersion());
        if (before.isEmpty()) {
            return ProfileCheck.result(
                    s,
                    key,
                    at,
                    ProfileCheck.Outcome.NOT_CHECKED,
                    "version " + s.getBasedOnVersion() + " it was made from is no longer on line.profiles");
        }
        io.ultraline.defect.ReferenceProfile previous =
                ProfileCodec.decode(ProfileCheck.bytes(before.get().getBank()));
        Instant created = Instant.ofEpochMilli(s.getCreatedTimestamp().toEpochMilli());
        io.ultraline.defect.ReferenceProfile rebuilt;
        String from;
        if (s.getChange() == ProfileChange.MARGIN) {
            if (s.getMargin() == null) {
                return ProfileCheck.result(s, key, at, ProfileCheck.Outcome.NOT_CHECKED, "MARGIN without margin");
            }
            rebuilt = ProfileRevisions.withMargin(previous, s.getMargin(), s.getVersion(), created);
            from = "version " + s.getBasedOnVersion() + " with margin " + s.getMargin();
        } else {
            CalibrationFrame example = normalExamples.get(at);
            if (example == null) {
                return ProfileCheck.result(
                        s, key, at, ProfileCheck.Outcome.NOT_CHECKED, "its normal frame " + at + " was not replayed");
            }
            // a zoom channel learns the frame's tiles too, cut as the inference node cut them
            rebuilt = ProfileRevisions.withNormalFrame(
                    previous,
                    example.tokens(),
                    example.modelInput(),
                    replay.tileTokens(previous, example.modelInput()),
                    s.getVersion(),
                    created);
            from = "version " + s.getBasedOnVersion() + " and normal frame " + at;
        }
        byte[] recorded = ProfileCheck.bytes(s.getBank());
        if (Arrays.equals(ProfileCodec.encode(rebuilt), recorded)) {
            return ProfileCheck.result(s, key, at, ProfileCheck.Outcome.REPRODUCED, "from " + from);
        }
        io.ultraline.defect.ReferenceProfile was = ProfileCodec.decode(recorded);
        return ProfileCheck.result(
                s,
                key,
                at,
                ProfileCheck.Outcome.DIFFERS,
                "from " + from + ": threshold recorded "
                        + was.threshold() + ", rebuilt " + rebuilt.threshold() + "; bank "
                        + (was.bank().equals(rebuilt.bank()) ? "equal" : "different"));
    }
}
