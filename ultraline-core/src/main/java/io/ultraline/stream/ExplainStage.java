package io.ultraline.stream;

import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.AppearanceBank;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.inspect.InspectedFrame;
import io.ultraline.ultra.transform.TokenTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The second stage of one flush in two-stage inference: ULTra maps for the frames that
 * {@link ExplainSelection} picks. The inference node first {@link #predict}s every frame's choice
 * from the profiles as the flush starts, so that the predicted frames' maps come from one model call
 * ({@link #prefetch}); it then emits the frames in order and asks for each frame's maps
 * ({@link #explain}). A frame whose choice changed in between (a calibration completed by an
 * earlier frame of the same batch gave it a profile) gets its own call, so the prediction only
 * decides how the maps are batched, never which frames get them. Each frame's maps go through its
 * camera's token transform W, the one of the profile it is scored against (none while the camera
 * is uncalibrated or calibrating); a frame whose W changed since the prediction gets its own call
 * too.
 */
final class ExplainStage {

    /** A frame's maps: why it was explained, its targets (null: all), and the model's outcome. */
    record Explained(ExplainSelection.Reason reason, int[] targets, BatchInference.Outcome outcome) {}

    private final ModelStep inspection;
    private final ExplainSelection selection;
    private final TargetChoice targets;
    private final Map<Integer, Scored> scores = new HashMap<>();
    private final Map<Integer, BatchInference.Request> predicted = new HashMap<>();
    private final Map<Integer, BatchInference.Outcome> done = new HashMap<>();

    /**
     * A frame's assessment against one profile version, and its raw-pixel scores against it (null
     * for none), which do not depend on its views: a rescore on all views reuses them.
     */
    private record Scored(long profileVersion, FrameAssessment assessment, AppearanceBank.Scores pixels) {}

    ExplainStage(ModelStep inspection, ExplainConfig config) {
        this.inspection = inspection;
        this.selection = new ExplainSelection(config);
        this.targets = new TargetChoice(config);
    }

    /** Whether explained frames get an explanation record. */
    boolean publishes() {
        return selection.publishes();
    }

    /**
     * Frame {@code index}'s first-stage assessment against a profile, computed once per profile
     * version within the flush.
     */
    FrameAssessment score(
            int index, InspectedFrame frame, ReferenceProfile profile, long version, int width, int height) {
        Scored s = scores.get(index);
        if (s == null || s.profileVersion() != version) {
            AppearanceBank.Scores pixels = inspection.pixelScores(profile, frame);
            FrameAssessment a = inspection.score(profile, frame, width, height, pixels);
            if (inspection.needsShiftedViews(frame, a)) {
                // the flush gave views to the frames it predicted to need them; this one's profile
                // changed since, so it gets its own model call
                InspectedFrame views =
                        FrameModelFailure.frameOf(BatchInference.withShiftedViews(inspection, List.of(frame))
                                .get(0));
                a = inspection.score(profile, views, width, height, pixels);
            }
            s = new Scored(version, a, pixels);
            scores.put(index, s);
        }
        return s.assessment();
    }

    /** One frame's first-stage scoring, gathered on the stream thread for {@link #scoreAll}. */
    record ScoreRequest(
            int index, InspectedFrame frame, ReferenceProfile profile, long version, int width, int height) {}

    /**
     * Scores the frames of a flush at once, in parallel: scoring against the banks is most of a
     * frame's time outside the model and is pure computation on immutable profiles, so the other
     * core takes half of it. Results land in the cache {@link #score} reads, in request order,
     * so nothing downstream depends on which thread scored a frame. A frame scored again on all
     * its views (against the same profile version) reuses its raw-pixel scores, most of the cost.
     */
    void scoreAll(List<ScoreRequest> requests) {
        FrameAssessment[] out = new FrameAssessment[requests.size()];
        AppearanceBank.Scores[] pixels = new AppearanceBank.Scores[requests.size()];
        for (int k = 0; k < pixels.length; k++) {
            // a frame scored again on all its views keeps its raw-pixel scores from the plain view
            ScoreRequest r = requests.get(k);
            Scored known = scores.get(r.index());
            pixels[k] = known != null && known.profileVersion() == r.version() ? known.pixels() : null;
        }
        java.util.stream.IntStream.range(0, requests.size()).parallel().forEach(k -> {
            ScoreRequest r = requests.get(k);
            if (pixels[k] == null) {
                pixels[k] = inspection.pixelScores(r.profile(), r.frame());
            }
            out[k] = inspection.score(r.profile(), r.frame(), r.width(), r.height(), pixels[k]);
        });
        for (int k = 0; k < out.length; k++) {
            ScoreRequest r = requests.get(k);
            scores.put(r.index(), new Scored(r.version(), out[k], pixels[k]));
        }
    }

    /**
     * Notes that frame {@code index} will probably need maps, so that {@link #prefetch} includes it.
     *
     * @param transform its camera's W, null for none
     */
    void predict(
            int index,
            InspectedFrame frame,
            VerdictStatus status,
            FrameAssessment assessment,
            long offset,
            TokenTransform transform) {
        if (selection.reason(status, assessment, offset).isPresent()) {
            predicted.put(index, new BatchInference.Request(frame, targets.targets(frame, assessment), transform));
        }
    }

    /**
     * The maps of every predicted frame, in one model call.
     *
     * @throws io.ultraline.model.ModelUnavailableException when the model is down
     */
    void prefetch() {
        List<Integer> indices = new ArrayList<>(predicted.keySet());
        indices.sort(null);
        List<BatchInference.Request> requests =
                indices.stream().map(predicted::get).toList();
        List<BatchInference.Outcome> outcomes = BatchInference.explain(inspection, requests);
        for (int i = 0; i < indices.size(); i++) {
            done.put(indices.get(i), outcomes.get(i));
        }
    }

    /**
     * Frame {@code index}'s maps if the selection picks it, computed now when no prefetch did (or
     * one did with another W).
     *
     * @param transform its camera's W now, null for none
     * @throws io.ultraline.model.ModelUnavailableException when the model is down
     */
    Optional<Explained> explain(
            int index,
            InspectedFrame frame,
            VerdictStatus status,
            FrameAssessment assessment,
            long offset,
            TokenTransform transform) {
        Optional<ExplainSelection.Reason> reason = selection.reason(status, assessment, offset);
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        BatchInference.Request request = predicted.get(index);
        int[] chosen = request != null ? request.targets() : targets.targets(frame, assessment);
        BatchInference.Outcome outcome =
                request != null && TokenTransform.same(request.transform(), transform) ? done.get(index) : null;
        if (outcome == null) {
            outcome = BatchInference.explain(inspection, List.of(new BatchInference.Request(frame, chosen, transform)))
                    .get(0);
        }
        return Optional.of(new Explained(reason.get(), chosen, outcome));
    }
}
