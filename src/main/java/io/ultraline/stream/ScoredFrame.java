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

    static ScoredFrame score(FrameInspection inspection, OutputRecords records, CameraFrame f, OriginalRecord source,
            InspectedFrame inspected, ReferenceProfile profile, long profileVersion, long now) {
        FrameAssessment a = inspection.assess(profile, inspected, f.getWidth(), f.getHeight());
        VerdictStatus status = a.isDefective() ? VerdictStatus.DEFECT : VerdictStatus.OK;
        FrameVerdict verdict = records.verdict(f, source, status, a, inspected.segmentation().conceptCount(),
                profileVersion, now);
        return new ScoredFrame(a, verdict, records.defects(f, source, a, profileVersion));
    }
}
