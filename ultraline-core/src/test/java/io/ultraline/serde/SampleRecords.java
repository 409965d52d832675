package io.ultraline.serde;

import io.ultraline.avro.AlertScope;
import io.ultraline.avro.AlertState;
import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.DefectRegion;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.Heatmap;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.LineAlert;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.PixelBox;
import io.ultraline.avro.ReferenceProfile;
import io.ultraline.avro.RejectReason;
import io.ultraline.avro.RejectedFrame;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.TokenMask;
import io.ultraline.avro.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated record of every top-level type in io.ultraline.avro. */
final class SampleRecords {

    static final Instant T0 = Instant.ofEpochMilli(1_760_000_000_123L);

    private SampleRecords() {}

    static List<SpecificRecord> all() {
        return List.of(
                cameraFrame(),
                frameVerdict(),
                defectRegion(),
                frameExplanation(),
                lineAlert(),
                rejectedFrame(),
                calibrationCommand(),
                referenceProfile());
    }

    static CameraFrame cameraFrame() {
        return CameraFrame.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-A")
                .setFrameId("f-0001")
                .setCaptureTimestamp(T0)
                .setEncoding(ImageEncoding.GRAY8)
                .setWidth(4)
                .setHeight(2)
                .setImage(ByteBuffer.wrap(new byte[] {0, 1, 2, 3, (byte) 250, (byte) 251, (byte) 252, (byte) 253}))
                .setProductId("widget-7")
                .setAttributes(Map.of("shift", "night", "exposure", "12ms"))
                .build();
    }

    static FrameVerdict frameVerdict() {
        return FrameVerdict.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-A")
                .setFrameId("f-0001")
                .setProductId(null)
                .setCaptureTimestamp(T0)
                .setProcessedTimestamp(T0.plusMillis(42))
                .setStatus(VerdictStatus.DEFECT)
                .setFrameScore(3.25f)
                .setThreshold(2.5f)
                .setRegionCount(1)
                .setConceptCount(4)
                .setSource(source())
                .setModel(model())
                .setProfileVersion(7L)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static DefectRegion defectRegion() {
        return DefectRegion.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-A")
                .setFrameId("f-0001")
                .setCaptureTimestamp(T0)
                .setRegionIndex(0)
                .setRegionCount(1)
                .setConceptId(2)
                .setScore(3.25f)
                .setThreshold(2.5f)
                .setTokenArea(3)
                .setPixelArea(768)
                .setMask(TokenMask.newBuilder()
                        .setGridHeight(2)
                        .setGridWidth(2)
                        .setRuns(List.of(1, 3))
                        .build())
                .setBox(PixelBox.newBuilder()
                        .setX(16)
                        .setY(0)
                        .setWidth(16)
                        .setHeight(32)
                        .build())
                .setExplanation(heatmap())
                .setSource(source())
                .setModel(model())
                .setProfileVersion(null)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static FrameExplanation frameExplanation() {
        return FrameExplanation.newBuilder()
                .setCameraId("cam-1")
                .setLineId("line-A")
                .setFrameId("f-0001")
                .setCaptureTimestamp(T0)
                .setFrameWidth(32)
                .setFrameHeight(32)
                .setGridHeight(2)
                .setGridWidth(2)
                .setConceptCount(2)
                .setTokenLabels(List.of(0, 1, 1, 0))
                .setConceptHeatmaps(List.of(heatmap(), heatmap()))
                .setTokenScores(heatmap())
                .setThreshold(2.5f)
                .setSource(source())
                .setModel(model())
                .setProfileVersion(7L)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static LineAlert lineAlert() {
        return LineAlert.newBuilder()
                .setAlertId("alert-1")
                .setRuleId("camera-defect-rate")
                .setScope(AlertScope.CAMERA)
                .setScopeId("cam-1")
                .setState(AlertState.OPEN)
                .setOpenedTimestamp(T0)
                .setEventTimestamp(T0)
                .setDefectiveFrames(5)
                .setWindowFrames(20)
                .setWindowMillis(60_000L)
                .setMessage("5 of 20 frames defective")
                .setSource(source())
                .setModel(model())
                .setProfileVersion(7L)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static RejectedFrame rejectedFrame() {
        return RejectedFrame.newBuilder()
                .setReason(RejectReason.UNKNOWN_SCHEMA)
                .setMessage("schema id 99 unknown")
                .setCameraId(null)
                .setFrameId(null)
                .setOriginalKey(ByteBuffer.wrap("cam-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 99, 1, 2}))
                .setOriginalHeaders(Map.of("trace", ByteBuffer.wrap(new byte[] {9})))
                .setOriginalTimestamp(T0)
                .setRejectedTimestamp(T0.plusSeconds(1))
                .setSource(source())
                .setModel(null)
                .setProfileVersion(null)
                .setPipelineVersion("0.1.0")
                .build();
    }

    static CalibrationCommand calibrationCommand() {
        return CalibrationCommand.newBuilder()
                .setCommandId("cmd-1")
                .setCameraId("cam-1")
                .setProductId("widget-7")
                .setAction(CalibrationAction.START)
                .setFrameCount(50)
                .setRequestedBy("operator")
                .setTimestamp(T0)
                .build();
    }

    static ReferenceProfile referenceProfile() {
        return ReferenceProfile.newBuilder()
                .setCameraId("cam-1")
                .setProductId(null)
                .setVersion(7L)
                .setCreatedTimestamp(T0)
                .setFrameCount(50)
                .setThreshold(2.5f)
                .setThresholdQuantile(0.99f)
                .setThresholdMargin(1.1f)
                .setTokenDim(8)
                .setBankSize(16)
                .setBank(ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}))
                .setModel(model())
                .setSource(source())
                .setPipelineVersion("0.1.0")
                .build();
    }

    static SourceRef source() {
        return SourceRef.newBuilder()
                .setTopic("line.frames")
                .setPartition(3)
                .setOffset(1234L)
                .build();
    }

    static ModelStamp model() {
        return ModelStamp.newBuilder()
                .setName("vit-tiny")
                .setVersion("1")
                .setDigest("ab".repeat(32))
                .build();
    }

    static Heatmap heatmap() {
        return Heatmap.newBuilder()
                .setGridHeight(2)
                .setGridWidth(2)
                .setMin(0f)
                .setMax(5f)
                .setValues(ByteBuffer.wrap(new byte[] {0, 64, (byte) 128, (byte) 255}))
                .build();
    }
}
