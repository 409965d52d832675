package io.ultraline.audit;

import io.ultraline.avro.FrameExplanation;
import io.ultraline.stream.ExplainSelection;
import java.util.List;
import java.util.Optional;

/**
 * Whether a frame's recorded explanations are those the replayed selection gives: none when it
 * picks none, else exactly one, for the same reason. Explanations of pipelines older than the
 * reason field (null) count for any reason; those asked for on demand (reason ON_DEMAND) are left
 * out, since no selection chose them.
 */
final class ExplanationCheck {

    private ExplanationCheck() {}

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
