package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.inspect.InspectedFrame;
import java.util.List;

/**
 * One inspected frame scored against its camera's profile, as verdict and defect records. The
 * inference node and {@link FrameReplay} both score through {@link #score}, so an audit's replayed
 * records come from the same code as the recorded ones.
 *
 * @param assessment token scores, threshold and regions
 * @param verdict    the OK or DEFECT verdict
 * @param defects    one record per region, by descending score
 */
record ScoredFrame(FrameAssessment assessment, FrameVerdict verdict, List<DefectRegion> defects) {

    ScoredFrame {
        defects = List.copyOf(defects);
    }

    static ScoredFrame score(
            ModelStep inspection,
            OutputRecords records,
            CameraFrame f,
            OriginalRecord source,
            InspectedFrame inspected,
            ReferenceProfile profile,
            long profileVersion,
            long now) {
        FrameAssessment a = inspection.assess(profile, inspected, f.getWidth(), f.getHeight());
        return of(records, f, source, a, inspected.conceptCount(), profileVersion, now);
    }

    /**
     * A frame the first stage of two-stage inference flagged: its regions from its first-stage
     * scores and its concepts ({@link ModelStep#regions}), so the banks are searched once.
     */
    static ScoredFrame flagged(
            ModelStep inspection,
            OutputRecords records,
            CameraFrame f,
            OriginalRecord source,
            FrameAssessment first,
            InspectedFrame explained,
            long profileVersion,
            long now) {
        FrameAssessment a = inspection.regions(first, explained, f.getWidth(), f.getHeight());
        return of(records, f, source, a, explained.conceptCount(), profileVersion, now);
    }

    /**
     * The records of an assessment made elsewhere: the first stage's of an OK frame in two-stage
     * inference ({@link ModelStep#score}), which has no regions.
     *
     * @param conceptCount the frame's concepts, 0 when its maps were not computed
     */
    static ScoredFrame of(
            OutputRecords records,
            CameraFrame f,
            OriginalRecord source,
            FrameAssessment a,
            int conceptCount,
            long profileVersion,
            long now) {
        VerdictStatus status = a.isDefective() ? VerdictStatus.DEFECT : VerdictStatus.OK;
        FrameVerdict verdict = records.verdict(f, source, status, a, conceptCount, profileVersion, now);
        return new ScoredFrame(a, verdict, records.defects(f, source, a, profileVersion));
    }
}
