package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.FrameVerdict;
import org.junit.jupiter.api.Test;

class ViewsTest {

    @Test
    void theNormalisedScoreIsTheScoreOverTheThreshold() {
        FrameVerdict v = LiveRecords.verdict("c", "f", 0.3f);
        v.setThreshold(0.6f);
        assertThat((Double) Views.verdict(v).get("normalisedScore"))
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void withoutAPositiveThresholdThereIsNoNormalisedScore() {
        FrameVerdict v = LiveRecords.verdict("c", "f", 0.3f);
        v.setThreshold(null);
        assertThat(Views.verdict(v)).containsEntry("normalisedScore", null);
        assertThat(Views.normalised(0.3f, 0f)).isNull();
    }

    @Test
    void anExplanationShowsTheCamerasConceptIdsBesideItsLabels() {
        var e = LiveRecords.explanation("c", "f", 1, 2, java.util.List.of(0, 1));
        assertThat(Views.explanation(e)).containsEntry("conceptIds", null);
        e.setConceptIds(java.util.List.of(4, -1));
        assertThat(Views.explanation(e))
                .containsEntry("tokenLabels", java.util.List.of(0, 1))
                .containsEntry("conceptIds", java.util.List.of(4, -1));
    }
}
