package io.ultraline.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.ProfileChange;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import io.ultraline.defect.ProfileCodec;
import io.ultraline.defect.ReferenceProfile;
import io.ultraline.frame.RgbImage;
import io.ultraline.serde.SerdeConfig;
import io.ultraline.stream.CalibrationFrame;
import io.ultraline.stream.FrameDecoding;
import io.ultraline.stream.FrameRecordLimits;
import io.ultraline.stream.FrameReplay;
import io.ultraline.stream.ModelStep;
import io.ultraline.stream.PipelineTopics;
import io.ultraline.stream.TestCameraFrames;
import io.ultraline.stream.TestModels;
import io.ultraline.ultra.align.ConceptPrototypes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The audit's rebuild of calibrated profiles ({@link ProfileCheck}) with the real test model, where
 * a recalibration kept the concept ids of the version before: reproduced with that version, with
 * ids numbered afresh after a RESET, and with the ids left unchecked where that version is outside
 * the audit; a changed id is a difference.
 */
class ProfileCheckTest {

    private static final Instant AT = Instant.ofEpochMilli(5_000);

    private final ModelStep step = ModelStep.of(TestModels.inspector());
    private final FrameReplay replay = new FrameReplay(
            step,
            FrameDecoding.standard(FrameRecordLimits.defaults()),
            // the serdes are never called: calibrations are rebuilt from tokens
            PipelineTopics.avro(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:9")),
            "test");
    private final Recorded recorded = new Recorded();
    private final Map<String, CalibrationFrame> tokens = new HashMap<>();

    /** Frames of seeds {@code from..to-1} recorded as CALIBRATING at the same offsets of partition 0. */
    private List<CalibrationFrame> calibrating(int from, int to) {
        List<RgbImage> images = java.util.stream.IntStream.range(from, to)
                .mapToObj(seed -> RgbImage.of(TestCameraFrames.good(seed)))
                .toList();
        List<CalibrationFrame> out =
                step.scan(images).stream().map(CalibrationFrame::of).toList();
        for (int i = 0; i < out.size(); i++) {
            SourceRef source = new SourceRef("line.frames", 0, (long) from + i);
            recorded.addVerdict(new Recorded.Verdict(calibratingVerdict(source), Optional.empty(), from + i, 0));
            tokens.put(Recorded.key(source), out.get(i));
        }
        return out;
    }

    @Test
    void aRecalibrationThatKeptTheIdsOfTheVersionBeforeIsReproduced() {
        ConceptPrototypes first =
                replay.calibrate(calibrating(0, 4), 1, AT, null).conceptPrototypes();
        // the ids an operator came to know
        ConceptPrototypes known =
                first.withIds(Arrays.stream(first.ids()).map(id -> id + 10).toArray());
        ReferenceProfile v1 = replay.calibrate(calibrating(0, 4), 1, AT, null).withConceptPrototypes(known);
        ReferenceProfile v2 = replay.calibrate(calibrating(10, 14), 2, AT, known);
        assertThat(Arrays.stream(v2.conceptPrototypes().ids()).min().orElseThrow())
                .isGreaterThanOrEqualTo(10);

        assertThat(outcome(2, snapshots(snapshot(v1, 3), snapshot(v2, 13)))).isEqualTo("REPRODUCED");

        // a RESET came between: the stream had nothing to keep ids from
        ReferenceProfile afterReset = replay.calibrate(calibrating(10, 14), 2, AT, null);
        assertThat(detail(2, snapshots(snapshot(v1, 3), snapshot(afterReset, 13))))
                .contains("REPRODUCED")
                .contains("numbered afresh");

        // the version before is not in the audit: all but the ids is still checked
        assertThat(detail(2, snapshots(snapshot(v2, 13))))
                .contains("REPRODUCED")
                .contains("not checked");

        // an id renamed after the fact is a difference
        int[] renamed = v2.conceptPrototypes().ids();
        renamed[0] = 99;
        ConceptPrototypes p = v2.conceptPrototypes();
        ReferenceProfile tampered = v2.withConceptPrototypes(p.withIds(renamed));
        assertThat(outcome(2, snapshots(snapshot(v1, 3), snapshot(tampered, 13))))
                .isEqualTo("DIFFERS");
    }

    private String outcome(long version, ProfileSnapshots snapshots) {
        return result(version, snapshots).outcome();
    }

    private String detail(long version, ProfileSnapshots snapshots) {
        AuditReport.ProfileResult r = result(version, snapshots);
        return r.outcome() + " " + r.detail();
    }

    private AuditReport.ProfileResult result(long version, ProfileSnapshots snapshots) {
        return ProfileCheck.run(snapshots, recorded, tokens, Map.of(), replay, s -> true, c -> true).stream()
                .filter(r -> r.version() == version)
                .findFirst()
                .orElseThrow();
    }

    private static ProfileSnapshots snapshots(io.ultraline.avro.ReferenceProfile... all) {
        ProfileSnapshots out = new ProfileSnapshots();
        for (io.ultraline.avro.ReferenceProfile s : all) {
            out.add(s);
        }
        return out;
    }

    /** The line.profiles record of a calibration whose last frame sat at {@code lastOffset}. */
    private static io.ultraline.avro.ReferenceProfile snapshot(ReferenceProfile p, long lastOffset) {
        return io.ultraline.avro.ReferenceProfile.newBuilder()
                .setCameraId("cam-1")
                .setProductId(null)
                .setVersion(p.version())
                .setCreatedTimestamp(p.created())
                .setFrameCount(p.frameCount())
                .setThreshold(p.threshold())
                .setThresholdQuantile(p.thresholdQuantile())
                .setThresholdMargin(p.thresholdMargin())
                .setTokenDim(p.tokenDim())
                .setBankSize(p.bankSize())
                .setBank(ByteBuffer.wrap(ProfileCodec.encode(p)))
                .setModel(new ModelStamp("m", "1", "ab"))
                .setSource(new SourceRef("line.frames", 0, lastOffset))
                .setPipelineVersion("test")
                .setChange(ProfileChange.CALIBRATION)
                .build();
    }

    private static FrameVerdict calibratingVerdict(SourceRef source) {
        return FrameVerdict.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-a")
                .setFrameId("f-" + source.getOffset())
                .setProductId(null)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setProcessedTimestamp(Instant.ofEpochMilli(2000))
                .setStatus(VerdictStatus.CALIBRATING)
                .setFrameScore(0f)
                .setThreshold(null)
                .setRegionCount(0)
                .setConceptCount(3)
                .setSource(source)
                .setModel(new ModelStamp("m", "1", "ab"))
                .setProfileVersion(null)
                .setPipelineVersion("test")
                .build();
    }
}
