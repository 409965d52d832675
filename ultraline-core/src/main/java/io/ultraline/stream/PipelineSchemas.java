package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.OperatorFeedback;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectedFrame;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The value schema of every Avro topic of the pipeline (schemas/*.avsc, as the generated classes
 * carry them), by topic name: what {@code ultraline schemas register} puts under each topic's
 * subject before a {@code serve} that does not register schemas itself.
 */
public final class PipelineSchemas {

    private PipelineSchemas() {}

    /** Topic name (with {@code prefix}) to its value schema: {@link Topics#pipeline()} in order, then line.feedback. */
    public static Map<String, Schema> values(String prefix) {
        Map<String, Schema> out = new LinkedHashMap<>();
        out.put(prefix + Topics.FRAMES, CameraFrame.getClassSchema());
        out.put(prefix + Topics.VERDICTS, FrameVerdict.getClassSchema());
        out.put(prefix + Topics.DEFECTS, DefectRegion.getClassSchema());
        out.put(prefix + Topics.EXPLANATIONS, FrameExplanation.getClassSchema());
        out.put(prefix + Topics.ALERTS, LineAlert.getClassSchema());
        out.put(prefix + Topics.FRAMES_DLQ, RejectedFrame.getClassSchema());
        out.put(prefix + Topics.CALIBRATION, CalibrationCommand.getClassSchema());
        out.put(prefix + Topics.PROFILES, ReferenceProfile.getClassSchema());
        out.put(prefix + Topics.FEEDBACK, OperatorFeedback.getClassSchema());
        return out;
    }
}
