package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.ConceptPixels;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.stream.ExplainSelection.Reason;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The audit's check of which frames have an explanation, and why. */
class ExplanationCheckTest {

    @Test
    void agreesWhenBothHaveNoneOrOneForTheSameReason() {
        assertThat(ExplanationCheck.compare(List.of(), Optional.empty())).isEmpty();
        assertThat(ExplanationCheck.compare(List.of(explained("SAMPLED")), Optional.of(Reason.SAMPLED)))
                .isEmpty();
    }

    @Test
    void anExplanationFromBeforeTheReasonFieldCountsForAnyReason() {
        assertThat(ExplanationCheck.compare(List.of(explained(null)), Optional.of(Reason.FLAGGED)))
                .isEmpty();
    }

    @Test
    void anExplanationAskedForOnDemandIsNeitherExtraNorTheSelectedOne() {
        assertThat(ExplanationCheck.compare(List.of(explained("ON_DEMAND")), Optional.empty()))
                .isEmpty();
        assertThat(ExplanationCheck.compare(
                        List.of(explained("FLAGGED"), explained("ON_DEMAND")), Optional.of(Reason.FLAGGED)))
                .isEmpty();
        assertThat(ExplanationCheck.compare(List.of(explained("ON_DEMAND")), Optional.of(Reason.SAMPLED)))
                .get()
                .satisfies(d -> assertThat(d.recorded()).isEqualTo("no explanation"));
    }

    @Test
    void reportsAMissingAnExtraADuplicateAndAnotherReason() {
        assertThat(ExplanationCheck.compare(List.of(), Optional.of(Reason.FLAGGED)))
                .get()
                .satisfies(d -> assertThat(d.field()).isEqualTo("explanations"))
                .satisfies(d -> assertThat(d.replayed()).isEqualTo("one explanation (FLAGGED)"));
        assertThat(ExplanationCheck.compare(List.of(explained("SAMPLED")), Optional.empty()))
                .get()
                .satisfies(d -> assertThat(d.recorded()).isEqualTo("1 explanation(s) (SAMPLED)"));
        assertThat(ExplanationCheck.compare(
                        List.of(explained("FLAGGED"), explained("FLAGGED")), Optional.of(Reason.FLAGGED)))
                .get()
                .satisfies(d -> assertThat(d.field()).isEqualTo("explanations"));
        assertThat(ExplanationCheck.compare(List.of(explained("SAMPLED")), Optional.of(Reason.NEAR_THRESHOLD)))
                .get()
                .satisfies(d -> assertThat(d.field()).isEqualTo("explanation.reason"));
    }

    @Test
    void aRebuiltExplanationMustHaveTheRecordedConceptsToTheByte() {
        FrameExplanation recorded = concepts(0, 1, 1, 0);
        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), concepts(0, 1, 1, 0)))
                .isEmpty();
        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), concepts(0, 1, 0, 0)))
                .get()
                .satisfies(d -> assertThat(d.field()).isEqualTo("explanation"))
                .satisfies(d -> assertThat(d.recorded()).contains("[0, 1, 1, 0]"))
                .satisfies(d -> assertThat(d.replayed()).contains("[0, 1, 0, 0]"));
    }

    @Test
    void pixelLabelsAreComparedWhereTheRecordHasThem() {
        FrameExplanation recorded = concepts(0, 1, 1, 0);
        recorded.setConceptPixels(new ConceptPixels(2, 1, List.of(0, 1, 1, 1)));
        FrameExplanation same = concepts(0, 1, 1, 0);
        same.setConceptPixels(new ConceptPixels(2, 1, List.of(0, 1, 1, 1)));
        FrameExplanation moved = concepts(0, 1, 1, 0);
        moved.setConceptPixels(new ConceptPixels(2, 1, List.of(0, 2)));

        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), same))
                .isEmpty();
        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), moved))
                .isPresent();
        // a record from before 0.4.0 has no pixel labels: the replay's are not held against it
        assertThat(ExplanationCheck.compare(List.of(concepts(0, 1, 1, 0)), Optional.of(Reason.SAMPLED), moved))
                .isEmpty();
    }

    @Test
    void cameraConceptIdsAreComparedWhereTheRecordHasThem() {
        FrameExplanation recorded = concepts(0, 1, 1, 0);
        recorded.setConceptIds(List.of(2, -1));
        FrameExplanation same = concepts(0, 1, 1, 0);
        same.setConceptIds(List.of(2, -1));
        FrameExplanation renamed = concepts(0, 1, 1, 0);
        renamed.setConceptIds(List.of(0, -1));

        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), same))
                .isEmpty();
        assertThat(ExplanationCheck.compare(List.of(recorded), Optional.of(Reason.SAMPLED), renamed))
                .get()
                .satisfies(d -> assertThat(d.recorded()).contains("camera ids [2, -1]"))
                .satisfies(d -> assertThat(d.replayed()).contains("camera ids [0, -1]"));
        // a record from before 0.7.0, or of a profile without prototypes, has none to hold the replay to
        assertThat(ExplanationCheck.compare(List.of(concepts(0, 1, 1, 0)), Optional.of(Reason.SAMPLED), renamed))
                .isEmpty();
    }

    private static FrameExplanation concepts(Integer... labels) {
        FrameExplanation e = explained("SAMPLED");
        e.setConceptCount(2);
        e.setTokenLabels(List.of(labels));
        return e;
    }

    private static FrameExplanation explained(String reason) {
        FrameExplanation e = new FrameExplanation();
        e.setReason(reason);
        return e;
    }
}
