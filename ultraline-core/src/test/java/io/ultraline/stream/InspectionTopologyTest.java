package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.VerdictStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A good frame through the whole topology in the test driver. */
class InspectionTopologyTest {

    private static final PipelineConfig ONE_BY_ONE =
            PipelineConfig.defaults().withBatch(BatchConfig.of(1, Duration.ofSeconds(1)));

    @Test
    void aGoodFrameWithoutProfileGetsOneUncalibratedVerdict() {
        try (PipelineHarness h = new PipelineHarness(ONE_BY_ONE)) {
            h.pipe(TestCameraFrames.frame("cam-1", "f-1", TestCameraFrames.good(1)));

            List<FrameVerdict> verdicts = h.verdicts();
            assertThat(verdicts).hasSize(1);
            FrameVerdict v = verdicts.get(0);
            assertThat(v.getStatus()).isEqualTo(VerdictStatus.UNCALIBRATED);
            assertThat(v.getFrameId()).isEqualTo("f-1");
            assertThat(v.getProfileVersion()).isNull();
            assertThat(v.getThreshold()).isNull();
            assertThat(v.getConceptCount()).isPositive();
            assertThat(v.getSource().getTopic()).isEqualTo(Topics.FRAMES);
            assertThat(v.getSource().getOffset()).isZero();
            assertThat(v.getModel().getName()).isEqualTo("tiny-test");
            assertThat(v.getModel().getDigest()).hasSize(64);
            assertThat(v.getPipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
            assertThat(h.deadLetters.isEmpty()).isTrue();
            assertThat(h.defects.isEmpty()).isTrue();
            assertThat(h.explanations.readValuesToList()).hasSize(1);
        }
    }
}
