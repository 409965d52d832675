package io.ultraline.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.inspect.TransformChoice;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The profile a calibration builds ({@link CalibrationControl#build}, which the audit's replay calls
 * too) with the real test model: its concept prototypes, and the ids it keeps from the profile it
 * replaces, so an operator's name for a concept survives a recalibration.
 */
class CalibrationBuildTest {

    private final ModelStep step = ModelStep.of(TestModels.inspector());

    private List<CalibrationFrame> frames(long from, long to) {
        List<RgbImage> images = LongStream.range(from, to)
                .mapToObj(seed -> RgbImage.of(TestCameraFrames.good(seed)))
                .toList();
        return step.scan(images).stream().map(CalibrationFrame::of).toList();
    }

    @Test
    void aRecalibrationKeepsTheIdsOfThePrototypesItReplaces() {
        List<CalibrationFrame> first = frames(0, 4);
        List<CalibrationFrame> second = frames(4, 8);
        Instant at = Instant.ofEpochMilli(1_000);
        ConceptPrototypes before = CalibrationControl.build(step, first, 1, at, TransformChoice.NONE, null, 1)
                .conceptPrototypes();
        assertThat(before).isNotNull();
        // the ids an operator came to know, not the fresh 0..P-1
        int[] named = Arrays.stream(before.ids()).map(id -> id + 10).toArray();
        ConceptPrototypes known = before.withIds(named);

        ReferenceProfile afresh = CalibrationControl.build(step, second, 2, at, TransformChoice.NONE, null, 1);
        ReferenceProfile kept = CalibrationControl.build(step, second, 2, at, TransformChoice.NONE, known, 1);

        ConceptPrototypes learned = afresh.conceptPrototypes();
        assertThat(learned.ids())
                .containsExactly(
                        java.util.stream.IntStream.range(0, learned.count()).toArray());
        assertThat(kept.conceptPrototypes()).isEqualTo(learned.keepingIdsOf(known));
        assertThat(Arrays.stream(kept.conceptPrototypes().ids()).min().orElseThrow())
                .as("matched prototypes keep a known id, the others get ids above them")
                .isGreaterThanOrEqualTo(10);
        assertThat(kept.withConceptPrototypes(learned))
                .as("nothing but the ids depends on the profile replaced")
                .isEqualTo(afresh);
    }

    /**
     * With {@code calibration.zoom} at 2, the build cuts each frame's tiles from its kept model input
     * and the profile gets the zoom channel the command line's calibration of the same frames gives.
     */
    @Test
    void aZoomedCalibrationBuildsTheChannelTheCommandLineBuilds() {
        List<CalibrationFrame> frames = frames(0, 6);
        Instant at = Instant.ofEpochMilli(2_000);

        ReferenceProfile zoomed = CalibrationControl.build(step, frames, 1, at, TransformChoice.NONE, null, 2);
        ReferenceProfile plain = CalibrationControl.build(step, frames, 1, at, TransformChoice.NONE, null, 1);

        assertThat(zoomed.zoom()).isNotNull();
        assertThat(zoomed.zoom().scale()).isEqualTo(2);
        assertThat(plain.zoom()).isNull();
        List<RgbImage> seen = frames.stream()
                .map(f -> new RgbImage(
                        step.imageSize(), step.imageSize(), io.ultraline.defect.AppearanceBank.expand(f.modelInput())))
                .toList();
        var inspector = TestModels.inspector();
        ReferenceProfile direct =
                inspector.calibrate(seen, 1, 8, inspector.detector().profileConfig(), 2);
        assertThat(zoomed.zoom().calibrationScores())
                .containsExactly(direct.zoom().calibrationScores());
        assertThat(zoomed.zoom().bank()).isEqualTo(direct.zoom().bank());
        List<CalibrationFrame> bare =
                frames.stream().map(f -> new CalibrationFrame(f.tokens(), null)).toList();
        assertThat(CalibrationControl.build(step, bare, 1, at, TransformChoice.NONE, null, 2)
                        .zoom())
                .as("frames without their model input give no tiles")
                .isNull();
    }

    /** {@code calibration.zoom: auto}: the build runs the painted self-check and calibrates at the scale it picks. */
    @Test
    void anAutoZoomBuildCalibratesAtTheScaleTheSelfCheckChooses() {
        List<CalibrationFrame> frames = frames(0, 8);
        Instant at = Instant.ofEpochMilli(3_000);

        ReferenceProfile auto = CalibrationControl.build(
                step, frames, 1, at, TransformChoice.NONE, null, CalibrationDefaults.AUTO_ZOOM);

        List<RgbImage> seen = frames.stream()
                .map(f -> new RgbImage(
                        step.imageSize(), step.imageSize(), io.ultraline.defect.AppearanceBank.expand(f.modelInput())))
                .toList();
        int chosen = step.chooseZoom(seen).scale();
        ReferenceProfile fixed = CalibrationControl.build(step, frames, 1, at, TransformChoice.NONE, null, chosen);
        assertThat(auto).isEqualTo(fixed);
        assertThat(auto.zoom() == null ? 1 : auto.zoom().scale()).isEqualTo(chosen);
    }
}
