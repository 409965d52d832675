package io.ultraline.audit;

import io.ultraline.avro.FrameExplanation;
import io.ultraline.stream.ExplainSelection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a frame's recorded explanations are those the replayed selection gives: none when it
 * picks none, else exactly one, for the same reason. Explanations of pipelines older than the
 * reason field (null) count for any reason; those asked for on demand (reason ON_DEMAND) are left
 * out, since no selection chose them. Where the replay rebuilt the explanation, its content must be
 * the recorded one to the byte: concepts, token labels, concept heatmaps, targets, token scores,
 * threshold and, where recorded, the pixel concept labels and the camera's concept ids (the maps of
 * a camera with a token transform W go through it in both).
 */
final class ExplanationCheck {

    private ExplanationCheck() {}

    /** As {@link #compare(List, Optional)}, then the content against the replay's explanation (null: not compared). */
    static Optional<Difference> compare(
            List<FrameExplanation> all, Optional<ExplainSelection.Reason> replayed, FrameExplanation rebuilt) {
        Optional<Difference> selection = compare(all, replayed);
        if (selection.isPresent() || rebuilt == null) {
            return selection;
        }
        FrameExplanation recorded = all.stream()
                .filter(e -> !ExplainSelection.Reason.ON_DEMAND.name().equals(e.getReason()))
                .findFirst()
                .orElseThrow();
        boolean same = Objects.equals(recorded.getConceptCount(), rebuilt.getConceptCount())
                && Objects.equals(recorded.getTokenLabels(), rebuilt.getTokenLabels())
                && Objects.equals(recorded.getConceptHeatmaps(), rebuilt.getConceptHeatmaps())
                && Objects.equals(recorded.getTargets(), rebuilt.getTargets())
                && Objects.equals(recorded.getTokenScores(), rebuilt.getTokenScores())
                && Objects.equals(recorded.getThreshold(), rebuilt.getThreshold())
                // pipelines before 0.4.0 recorded no pixel labels: nothing to compare then
                && (recorded.getConceptPixels() == null
                        || Objects.equals(recorded.getConceptPixels(), rebuilt.getConceptPixels()))
                // nor camera concept ids before 0.7.0, or where the profile had no prototypes
                && (recorded.getConceptIds() == null
                        || Objects.equals(recorded.getConceptIds(), rebuilt.getConceptIds()));
        return same
                ? Optional.empty()
                : Optional.of(new Difference("explanation", summary(recorded), summary(rebuilt)));
    }

    /** Enough of an explanation for a report to show where two differ. */
    private static String summary(FrameExplanation e) {
        return e.getConceptCount() + " concepts, token labels " + e.getTokenLabels() + ", camera ids "
                + e.getConceptIds() + ", targets " + e.getTargets()
                + ", heatmaps #" + Objects.hashCode(e.getConceptHeatmaps()) + ", token scores #"
                + Objects.hashCode(e.getTokenScores());
    }

    /** The difference, or empty when they agree. */
    static Optional<Difference> compare(List<FrameExplanation> all, Optional<ExplainSelection.Reason> replayed) {
        // explanations an operator asked for (EXPLAIN commands) are additions, not the selection's
        List<FrameExplanation> recorded = all.stream()
                .filter(e -> !ExplainSelection.Reason.ON_DEMAND.name().equals(e.getReason()))
                .toList();
        String expected = replayed.map(r -> "one explanation (" + r + ")").orElse("no explanation");
        if (replayed.isEmpty()) {
            return recorded.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Difference("explanations", describe(recorded), expected));
        }
        if (recorded.size() != 1) {
            return Optional.of(new Difference("explanations", describe(recorded), expected));
        }
        String reason = recorded.get(0).getReason();
        if (reason != null && !reason.equals(replayed.get().name())) {
            return Optional.of(
                    new Difference("explanation.reason", reason, replayed.get().name()));
        }
        return Optional.empty();
    }

    private static String describe(List<FrameExplanation> recorded) {
        return recorded.isEmpty()
                ? "no explanation"
                : recorded.size() + " explanation(s) ("
                        + String.join(
                                ", ",
                                recorded.stream()
                                        .map(e -> String.valueOf(e.getReason()))
                                        .toList()) + ")";
    }
}
