package io.ultraline.stream;

import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.InspectedFrame;
import java.util.List;
import java.util.Optional;

/**
 * Explain on demand: the ULTra explanation of the frame an EXPLAIN command carries, built as the
 * frame's own explanation would have been. The frame is scanned alone (as ADD_NORMAL's frame is, so
 * an audit replays it alike), scored against the camera's current profile unless the camera is
 * calibrating or has none, and explained with the maps of all N tokens in mode all, else of T
 * tokens chosen by the configured strategy, through the profile's token transform W where it has
 * one. The record names the frame's own place on line.frames
 * as its source and ON_DEMAND as its reason, and the frame's verdict is not touched: it was written
 * when the frame passed.
 */
final class OnDemandExplainer {

    /** The explanation, or why the model could not give one (the command is then dead-lettered). */
    sealed interface Result {
        record Explained(FrameExplanation explanation) implements Result {}

        record Failed(String message) implements Result {}
    }

    private final ModelStep inspection;
    private final OutputRecords records;
    private final ExplainConfig config;
    private final TargetChoice targets;

    OnDemandExplainer(ModelStep inspection, OutputRecords records, ExplainConfig config) {
        this.inspection = inspection;
        this.records = records;
        this.config = config;
        this.targets = new TargetChoice(config);
    }

    /**
     * @param command a validated EXPLAIN command
     * @param image   its frame at the model's input size
     * @param profile the camera's profile to score against, empty when it has none or is calibrating
     * @throws io.ultraline.model.ModelUnavailableException when the model is down (retried, as frames are)
     */
    Result explain(CalibrationCommand command, RgbImage image, Optional<ProfileStore.Active> profile) {
        CameraFrame frame = NormalFrames.frameOf(command);
        BatchInference.Outcome scanned =
                BatchInference.scan(inspection, List.of(image)).get(0);
        if (scanned instanceof BatchInference.Outcome.Failed failed) {
            return new Result.Failed(failed.message());
        }
        InspectedFrame tokens = ((BatchInference.Outcome.Inspected) scanned).frame();
        FrameAssessment assessment = profile.map(
                        p -> inspection.score(p.profile(), tokens, frame.getWidth(), frame.getHeight()))
                .orElse(null);
        int[] chosen = config.mode().twoStage() ? targets.targets(tokens, assessment) : null;
        // the camera's W, as its frames' own explanations have it; none while it has no profile
        BatchInference.Outcome explained = BatchInference.explain(
                        inspection,
                        List.of(new BatchInference.Request(
                                tokens,
                                chosen,
                                profile.map(p -> p.profile().transform()).orElse(null))))
                .get(0);
        if (explained instanceof BatchInference.Outcome.Failed failed) {
            return new Result.Failed(failed.message());
        }
        InspectedFrame withMaps = ((BatchInference.Outcome.Inspected) explained).frame();
        return new Result.Explained(records.explanation(
                frame,
                command.getFrameSource(),
                withMaps,
                assessment,
                profile.orElse(null),
                ExplainSelection.Reason.ON_DEMAND,
                chosen));
    }
}
