package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.Heatmap;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.PixelBox;
import io.ultraline.avro.PixelMask;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.TokenMask;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.ultra.RunLengthMask;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameComparisonTest {

    private static final int GRID = 4;

    @Test
    void identicalRecordsMatchEvenExactly() {
        List<DefectRegion> regions = List.of(region(0, 2.5f, 0, 1), region(1, 2.0f, 10, 11));
        assertThat(FrameComparison.compare(
                        verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 2),
                        regions,
                        verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 2),
                        regions,
                        Tolerance.exact()))
                .isEmpty();
    }

    @Test
    void scoresWithinTheToleranceMatchAndOutsideItDoNot() {
        float score = 0.75f;
        float next = Math.nextUp(score);
        FrameVerdict recorded = verdict(VerdictStatus.OK, score, 1.5f, 0);
        FrameVerdict replayed = verdict(VerdictStatus.OK, next, 1.5f, 0);
        assertThat(FrameComparison.compare(recorded, List.of(), replayed, List.of(), Tolerance.defaults()))
                .isEmpty();
        assertThat(FrameComparison.compare(recorded, List.of(), replayed, List.of(), Tolerance.exact()))
                .extracting(Difference::field)
                .containsExactly("frameScore");
        FrameVerdict far = verdict(VerdictStatus.OK, score + 1e-3f, 1.5f, 0);
        assertThat(FrameComparison.compare(recorded, List.of(), far, List.of(), Tolerance.defaults()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.field()).isEqualTo("frameScore");
                    assertThat(d.recorded()).isEqualTo(Float.toString(score));
                });
    }

    @Test
    void statusThresholdAndCountsAreCompared() {
        FrameVerdict recorded = verdict(VerdictStatus.OK, 1f, 1.5f, 0);
        FrameVerdict replayed = verdict(VerdictStatus.DEFECT, 1f, null, 0);
        replayed.setConceptCount(5);
        assertThat(FrameComparison.compare(recorded, List.of(), replayed, List.of(), Tolerance.defaults()))
                .extracting(Difference::field)
                .containsExactly("status", "threshold", "conceptCount");
    }

    @Test
    void aVerdictWhoseDefectsAreMissingOrMiscountedDiffers() {
        FrameVerdict recorded = verdict(VerdictStatus.DEFECT, 2f, 1.5f, 2);
        FrameVerdict replayed = verdict(VerdictStatus.DEFECT, 2f, 1.5f, 1);
        List<DefectRegion> one = List.of(region(0, 2f, 0, 1));
        assertThat(FrameComparison.compare(recorded, one, replayed, one, Tolerance.defaults()))
                .extracting(Difference::field)
                .containsExactly("regionCount", "defects");
    }

    @Test
    void regionsArePairedByMaskOverlapNotByOrder() {
        FrameVerdict v = verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 2);
        List<DefectRegion> recorded = List.of(region(0, 2.5f, 0, 1), region(1, 2.0f, 10, 11));
        List<DefectRegion> replayed = List.of(region(0, 2.0f, 10, 11), region(1, 2.5f, 0, 1));
        assertThat(FrameComparison.compare(v, recorded, v, replayed, Tolerance.exact()))
                .isEmpty();
    }

    @Test
    void aShiftedRegionFailsTheIoUAndALooserToleranceAcceptsIt() {
        FrameVerdict v = verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 1);
        List<DefectRegion> recorded = List.of(region(0, 2.5f, 0, 1, 2));
        List<DefectRegion> replayed = List.of(region(0, 2.5f, 1, 2, 3));
        assertThat(FrameComparison.compare(v, recorded, v, replayed, Tolerance.defaults()))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.field()).isEqualTo("region[0].mask");
                    assertThat(d.replayed()).contains("IoU 0.5000");
                });
        assertThat(FrameComparison.compare(v, recorded, v, replayed, new Tolerance(0, 0.5)))
                .isEmpty();
    }

    @Test
    void regionScoresAreCompared() {
        FrameVerdict v = verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 1);
        assertThat(FrameComparison.compare(
                        v, List.of(region(0, 2.5f, 0)), v, List.of(region(0, 2.4f, 0)), Tolerance.defaults()))
                .extracting(Difference::field)
                .containsExactly("region[0].score");
    }

    @Test
    void maskIoUHandlesOtherGridsAndMalformedMasks() {
        TokenMask a = region(0, 1f, 0, 1).getMask();
        assertThat(MaskIoU.of(a, a)).isEqualTo(1.0);
        assertThat(MaskIoU.of(a, new TokenMask(GRID, GRID + 1, List.of(0, GRID * (GRID + 1)))))
                .isZero();
        assertThat(MaskIoU.of(a, new TokenMask(GRID, GRID, List.of(3, 99)))).isZero();
    }

    /** A region whose pixel mask (10 x 10 over the frame) sets the first {@code pixels} pixels. */
    static DefectRegion withPixels(DefectRegion r, int pixels) {
        return DefectRegion.newBuilder(r)
                .setPixelMask(new PixelMask(10, 10, 20, 20, List.of(0, pixels, 100 - pixels)))
                .build();
    }

    @Test
    void pixelMasksAreComparedWithTheirOwnIoUTolerance() {
        FrameVerdict v = verdict(VerdictStatus.DEFECT, 2.5f, 1.5f, 1);
        DefectRegion r = region(0, 2.5f, 0, 1);
        // 40 of 41 pixels agree: IoU 0.976, inside the default 0.95 and outside an exact replay
        List<DefectRegion> recorded = List.of(withPixels(r, 40));
        List<DefectRegion> near = List.of(withPixels(r, 41));
        List<DefectRegion> far = List.of(withPixels(r, 20));
        assertThat(FrameComparison.compare(v, recorded, v, near, Tolerance.defaults()))
                .isEmpty();
        assertThat(FrameComparison.compare(v, recorded, v, near, Tolerance.exact()))
                .extracting(Difference::field)
                .containsExactly("region[0].pixelMask");
        assertThat(FrameComparison.compare(v, recorded, v, far, Tolerance.defaults()))
                .singleElement()
                .satisfies(d -> assertThat(d.replayed()).contains("IoU 0.5000"));
        assertThat(FrameComparison.compare(v, recorded, v, List.of(r), Tolerance.defaults()))
                .singleElement()
                .satisfies(d -> assertThat(d.replayed()).isEqualTo("none"));
        // a record from before pixel masks holds nothing to compare
        assertThat(FrameComparison.compare(v, List.of(r), v, near, Tolerance.defaults()))
                .isEmpty();
        assertThat(MaskIoU.of(
                        new PixelMask(10, 10, 20, 20, List.of(0, 100)), new PixelMask(5, 20, 20, 20, List.of(0, 100))))
                .isZero();
        assertThatThrownBy(() -> new Tolerance(0, 0.9, 0)).hasMessageContaining("pixel IoU");
    }

    @Test
    void toleranceRejectsNonsense() {
        assertThatThrownBy(() -> new Tolerance(-1, 0.9)).hasMessageContaining("score tolerance");
        assertThatThrownBy(() -> new Tolerance(0, 0)).hasMessageContaining("IoU");
        assertThatThrownBy(() -> new Tolerance(Double.NaN, 0.9)).hasMessageContaining("score tolerance");
    }

    static FrameVerdict verdict(VerdictStatus status, float score, Float threshold, int regions) {
        return FrameVerdict.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-a")
                .setFrameId("f-1")
                .setProductId(null)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setProcessedTimestamp(Instant.ofEpochMilli(2000))
                .setStatus(status)
                .setFrameScore(score)
                .setThreshold(threshold)
                .setRegionCount(regions)
                .setConceptCount(3)
                .setSource(new SourceRef("line.frames", 0, 7L))
                .setModel(new ModelStamp("m", "1", "ab"))
                .setProfileVersion(threshold == null ? null : 1L)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static DefectRegion region(int index, float score, int... cells) {
        boolean[] mask = new boolean[GRID * GRID];
        for (int c : cells) {
            mask[c] = true;
        }
        RunLengthMask rle = RunLengthMask.encode(mask, GRID, GRID);
        return DefectRegion.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-a")
                .setFrameId("f-1")
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setRegionIndex(index)
                .setRegionCount(2)
                .setConceptId(0)
                .setScore(score)
                .setThreshold(1.5f)
                .setTokenArea(cells.length)
                .setPixelArea(cells.length * 16)
                .setMask(new TokenMask(
                        GRID, GRID, Arrays.stream(rle.runs()).boxed().toList()))
                .setBox(new PixelBox(0, 0, 4, 4))
                .setExplanation(new Heatmap(GRID, GRID, 0f, 1f, ByteBuffer.wrap(new byte[GRID * GRID])))
                .setSource(new SourceRef("line.frames", 0, 7L))
                .setModel(new ModelStamp("m", "1", "ab"))
                .setProfileVersion(1L)
                .setPipelineVersion("0.1.0")
                .build();
    }
}
