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
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Records of every contract type as the pipeline would write them for a 224x224 frame seen by a
 * ViT with 16-pixel patches (a 14x14 token grid): one with every optional field set, one with
 * every nullable field null and collections empty. Timestamps have millisecond precision, as on
 * the wire.
 */
final class ContractSamples {

    static final int GRID = 14;
    static final int TOKENS = GRID * GRID;
    static final int FRAME_SIZE = 224;
    static final Instant CAPTURED = Instant.parse("2025-11-26T07:42:13.417Z");
    private static final String PIPELINE = "0.1.0-SNAPSHOT";

    private ContractSamples() {}

    static List<CameraFrame> cameraFrames() {
        CameraFrame png = CameraFrame.newBuilder()
                .setCameraId("press-3/cam-top")
                .setLineId("line-A")
                .setFrameId("press-3/cam-top/000184223")
                .setCaptureTimestamp(CAPTURED)
                .setEncoding(ImageEncoding.PNG)
                .setWidth(64)
                .setHeight(48)
                .setImage(ByteBuffer.wrap(grayPng(64, 48)))
                .setProductId("bracket-7731")
                .setAttributes(Map.of("shift", "night", "exposureMicros", "1200", "batch", "B-2025-11-26-03"))
                .build();
        CameraFrame raw = CameraFrame.newBuilder()
                .setCameraId("press-3/cam-side")
                .setFrameId("press-3/cam-side/000000001")
                .setCaptureTimestamp(CAPTURED.plusMillis(33))
                .setEncoding(ImageEncoding.RGB8)
                .setWidth(8)
                .setHeight(6)
                .setImage(ByteBuffer.wrap(rgbRamp(8, 6)))
                .build();
        return List.of(png, raw);
    }

    static List<FrameVerdict> frameVerdicts() {
        FrameVerdict defect = FrameVerdict.newBuilder()
                .setCameraId("press-3/cam-top")
                .setLineId("line-A")
                .setFrameId("press-3/cam-top/000184223")
                .setProductId("bracket-7731")
                .setCaptureTimestamp(CAPTURED)
                .setProcessedTimestamp(CAPTURED.plusMillis(187))
                .setStatus(VerdictStatus.DEFECT)
                .setFrameScore(4.8125f)
                .setThreshold(3.375f)
                .setRegionCount(2)
                .setConceptCount(5)
                .setSource(source(2, 184_223L))
                .setModel(model())
                .setProfileVersion(12L)
                .setPipelineVersion(PIPELINE)
                .build();
        FrameVerdict uncalibrated = FrameVerdict.newBuilder()
                .setCameraId("press-3/cam-side")
                .setFrameId("press-3/cam-side/000000001")
                .setCaptureTimestamp(CAPTURED.plusMillis(33))
                .setProcessedTimestamp(CAPTURED.plusMillis(240))
                .setStatus(VerdictStatus.UNCALIBRATED)
                .setFrameScore(0f)
                .setRegionCount(0)
                .setSource(source(0, 0L))
                .setModel(model())
                .setPipelineVersion(PIPELINE)
                .build();
        return List.of(defect, uncalibrated);
    }

    static List<DefectRegion> defectRegions() {
        DefectRegion scratch = DefectRegion.newBuilder()
                .setCameraId("press-3/cam-top")
                .setLineId("line-A")
                .setFrameId("press-3/cam-top/000184223")
                .setCaptureTimestamp(CAPTURED)
                .setRegionIndex(0)
                .setRegionCount(2)
                .setConceptId(3)
                .setScore(4.8125f)
                .setThreshold(3.375f)
                .setTokenArea(5)
                .setPixelArea(5 * 16 * 16)
                // tokens (4,6) (4,7) (5,6) (5,7) (6,7)
                .setMask(mask(List.of(62, 2, 12, 2, 13, 1, 104)))
                .setBox(PixelBox.newBuilder()
                        .setX(96)
                        .setY(64)
                        .setWidth(32)
                        .setHeight(48)
                        .build())
                .setExplanation(heatmap(0f, 2.75f, 7))
                .setSource(source(2, 184_223L))
                .setModel(model())
                .setProfileVersion(12L)
                .setPipelineVersion(PIPELINE)
                .build();
        DefectRegion withoutProfileVersion = DefectRegion.newBuilder(scratch)
                .setLineId("")
                .setRegionIndex(1)
                .setConceptId(1)
                .setScore(3.5f)
                .setTokenArea(1)
                .setPixelArea(256)
                .setMask(mask(List.of(195, 1)))
                .setBox(PixelBox.newBuilder()
                        .setX(208)
                        .setY(208)
                        .setWidth(16)
                        .setHeight(16)
                        .build())
                .setExplanation(heatmap(0f, 0.5f, 11))
                .setProfileVersion(null)
                .build();
        return List.of(scratch, withoutProfileVersion);
    }

    static List<FrameExplanation> frameExplanations() {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < TOKENS; i++) {
            labels.add((i / GRID) < 7 ? 0 : (i % GRID) < 7 ? 1 : 2);
        }
        FrameExplanation profiled = FrameExplanation.newBuilder()
                .setCameraId("press-3/cam-top")
                .setLineId("line-A")
                .setFrameId("press-3/cam-top/000184223")
                .setCaptureTimestamp(CAPTURED)
                .setFrameWidth(FRAME_SIZE)
                .setFrameHeight(FRAME_SIZE)
                .setGridHeight(GRID)
                .setGridWidth(GRID)
                .setConceptCount(3)
                .setTokenLabels(labels)
                .setConceptHeatmaps(List.of(heatmap(0f, 5f, 1), heatmap(0f, 5f, 2), heatmap(0f, 5f, 3)))
                .setTokenScores(heatmap(0.125f, 4.8125f, 4))
                .setThreshold(3.375f)
                .setSource(source(2, 184_223L))
                .setModel(model())
                .setProfileVersion(12L)
                .setPipelineVersion(PIPELINE)
                .build();
        FrameExplanation unprofiled = FrameExplanation.newBuilder(profiled)
                .setCameraId("press-3/cam-side")
                .setLineId("")
                .setFrameId("press-3/cam-side/000000001")
                .setConceptCount(1)
                .setTokenLabels(Collections.nCopies(TOKENS, 0))
                .setConceptHeatmaps(List.of(heatmap(0f, 5f, 5)))
                .setTokenScores(null)
                .setThreshold(null)
                .setProfileVersion(null)
                .setSource(source(0, 0L))
                .build();
        return List.of(profiled, unprofiled);
    }

    static List<LineAlert> lineAlerts() {
        LineAlert open = LineAlert.newBuilder()
                .setAlertId("camera-defect-rate/press-3/cam-top/1764142933417")
                .setRuleId("camera-defect-rate")
                .setScope(AlertScope.CAMERA)
                .setScopeId("press-3/cam-top")
                .setState(AlertState.OPEN)
                .setOpenedTimestamp(CAPTURED)
                .setEventTimestamp(CAPTURED)
                .setDefectiveFrames(6)
                .setWindowFrames(40)
                .setWindowMillis(60_000L)
                .setMessage("6 of the last 40 frames of press-3/cam-top are defective (limit 10%)")
                .setSource(source(2, 184_223L))
                .setModel(model())
                .setProfileVersion(12L)
                .setPipelineVersion(PIPELINE)
                .build();
        LineAlert cleared = LineAlert.newBuilder(open)
                .setAlertId("line-defect-rate/line-A/1764142933417")
                .setRuleId("line-defect-rate")
                .setScope(AlertScope.LINE)
                .setScopeId("line-A")
                .setState(AlertState.CLEARED)
                .setEventTimestamp(CAPTURED.plusSeconds(95))
                .setDefectiveFrames(1)
                .setWindowFrames(120)
                .setMessage("line-A defect rate back below 2%")
                .setProfileVersion(null)
                .build();
        return List.of(open, cleared);
    }

    static List<RejectedFrame> rejectedFrames() {
        RejectedFrame unknownSchema = RejectedFrame.newBuilder()
                .setReason(RejectReason.UNKNOWN_SCHEMA)
                .setMessage(
                        "Schema id 999999 is not known to the registry [reason=UNKNOWN_SCHEMA_ID, topic=line.frames]")
                .setCameraId("press-3/cam-top")
                .setFrameId("press-3/cam-top/000184224")
                .setOriginalKey(ByteBuffer.wrap("press-3/cam-top".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(WireFormat.encode(999_999, new byte[] {2, 4, 6, 8})))
                .setOriginalHeaders(Map.of(
                        "traceparent",
                        ByteBuffer.wrap("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
                                .getBytes(StandardCharsets.US_ASCII))))
                .setOriginalTimestamp(CAPTURED)
                .setRejectedTimestamp(CAPTURED.plusMillis(12))
                .setSource(source(2, 184_224L))
                .setModel(model())
                .setProfileVersion(12L)
                .setPipelineVersion(PIPELINE)
                .build();
        RejectedFrame garbage = RejectedFrame.newBuilder()
                .setReason(RejectReason.DESERIALIZATION_FAILED)
                .setMessage("Payload of 3 bytes starts with byte 0xff, not the magic byte 0")
                .setOriginalKey(null)
                .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0, 1}))
                .setOriginalTimestamp(CAPTURED)
                .setRejectedTimestamp(CAPTURED.plusMillis(3))
                .setSource(source(1, 77L))
                .setPipelineVersion(PIPELINE)
                .build();
        return List.of(unknownSchema, garbage);
    }

    static List<CalibrationCommand> calibrationCommands() {
        CalibrationCommand start = CalibrationCommand.newBuilder()
                .setCommandId("3f9e0c2a-7b41-4d0e-9a57-0c1d2e3f4a5b")
                .setCameraId("press-3/cam-top")
                .setProductId("bracket-7731")
                .setAction(CalibrationAction.START)
                .setFrameCount(200)
                .setRequestedBy("m.keller@plant-7")
                .setTimestamp(CAPTURED.minusSeconds(3600))
                .build();
        CalibrationCommand reset = CalibrationCommand.newBuilder()
                .setCommandId("0b5d7e21-94c3-4f0a-8e6b-2a1c3d4e5f60")
                .setCameraId("press-3/cam-side")
                .setAction(CalibrationAction.RESET)
                .setTimestamp(CAPTURED.minusSeconds(60))
                .build();
        return List.of(start, reset);
    }

    static List<ReferenceProfile> referenceProfiles() {
        ReferenceProfile perProduct = ReferenceProfile.newBuilder()
                .setCameraId("press-3/cam-top")
                .setProductId("bracket-7731")
                .setVersion(12L)
                .setCreatedTimestamp(CAPTURED.minusSeconds(3000))
                .setFrameCount(200)
                .setThreshold(3.375f)
                .setThresholdQuantile(0.995f)
                .setThresholdMargin(1.15f)
                .setTokenDim(16)
                .setBankSize(8)
                .setBank(ByteBuffer.wrap(bank(8, 16)))
                .setModel(model())
                .setSource(source(2, 180_011L))
                .setPipelineVersion(PIPELINE)
                .build();
        ReferenceProfile anyProduct = ReferenceProfile.newBuilder(perProduct)
                .setCameraId("press-3/cam-side")
                .setProductId(null)
                .setVersion(1L)
                .setFrameCount(50)
                .setBankSize(2)
                .setBank(ByteBuffer.wrap(bank(2, 16)))
                .setSource(null)
                .build();
        return List.of(perProduct, anyProduct);
    }

    static SourceRef source(int partition, long offset) {
        return SourceRef.newBuilder()
                .setTopic("line.frames")
                .setPartition(partition)
                .setOffset(offset)
                .build();
    }

    static ModelStamp model() {
        return ModelStamp.newBuilder()
                .setName("ultraline-vit-s16")
                .setVersion("2025.11.1")
                .setDigest("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .build();
    }

    static TokenMask mask(List<Integer> runs) {
        return TokenMask.newBuilder()
                .setGridHeight(GRID)
                .setGridWidth(GRID)
                .setRuns(runs)
                .build();
    }

    /** A quantised map over the grid whose values depend on {@code seed}, so the maps differ. */
    static Heatmap heatmap(float min, float max, int seed) {
        byte[] values = new byte[TOKENS];
        for (int i = 0; i < TOKENS; i++) {
            values[i] = (byte) ((i * 37 + seed * 101) % 256);
        }
        return Heatmap.newBuilder()
                .setGridHeight(GRID)
                .setGridWidth(GRID)
                .setMin(min)
                .setMax(max)
                .setValues(ByteBuffer.wrap(values))
                .build();
    }

    private static byte[] bank(int tokens, int dim) {
        ByteBuffer bank = ByteBuffer.allocate(8 + tokens * dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bank.putInt(1).putInt(tokens);
        for (int i = 0; i < tokens * dim; i++) {
            bank.putFloat((float) Math.sin(i * 0.37));
        }
        return bank.array();
    }

    private static byte[] rgbRamp(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            pixels[3 * i] = (byte) (i * 5);
            pixels[3 * i + 1] = (byte) (255 - i * 5);
            pixels[3 * i + 2] = (byte) 128;
        }
        return pixels;
    }

    private static byte[] grayPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 4 + y * 2) & 0xff;
                image.getRaster().setSample(x, y, 0, v);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
