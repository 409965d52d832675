package io.ultraline.app;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameExplanation;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records as the pipeline hands them to its observers, for the live-view tests. */
final class LiveRecords {

    static final String FRAMES_TOPIC = "line.frames";

    private LiveRecords() {}

    static CameraFrame frame(String camera, String id, ImageEncoding encoding, int width, int height, byte[] image) {
        return CameraFrame.newBuilder()
                .setCameraId(camera)
                .setLineId("l")
                .setFrameId(id)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setEncoding(encoding)
                .setWidth(width)
                .setHeight(height)
                .setImage(ByteBuffer.wrap(image))
                .setProductId(null)
                .setAttributes(Map.of())
                .build();
    }

    static CameraFrame frame(String camera, String id, int imageBytes) {
        return frame(camera, id, ImageEncoding.GRAY8, imageBytes, 1, new byte[imageBytes]);
    }

    static FrameVerdict verdict(String camera, String id, float score, int partition) {
        return FrameVerdict.newBuilder()
                .setCameraId(camera)
                .setLineId("l")
                .setFrameId(id)
                .setProductId(null)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setProcessedTimestamp(Instant.ofEpochMilli(1200))
                .setStatus(VerdictStatus.OK)
                .setFrameScore(score)
                .setThreshold(1f)
                .setRegionCount(0)
                .setConceptCount(2)
                .setSource(new SourceRef(FRAMES_TOPIC, partition, 1L))
                .setModel(new ModelStamp("m", "1", "d"))
                .setProfileVersion(1L)
                .setPipelineVersion("p")
                .build();
    }

    static FrameVerdict verdict(String camera, String id, float score) {
        return verdict(camera, id, score, 0);
    }

    static FrameExplanation explanation(String camera, String id, int gridH, int gridW, List<Integer> labels) {
        return FrameExplanation.newBuilder()
                .setCameraId(camera)
                .setLineId("l")
                .setFrameId(id)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000))
                .setFrameWidth(8)
                .setFrameHeight(8)
                .setGridHeight(gridH)
                .setGridWidth(gridW)
                .setConceptCount(2)
                .setTokenLabels(labels)
                .setConceptHeatmaps(List.of())
                .setTokenScores(null)
                .setThreshold(null)
                .setSource(new SourceRef(FRAMES_TOPIC, 0, 1L))
                .setModel(new ModelStamp("m", "1", "d"))
                .setProfileVersion(null)
                .setPipelineVersion("p")
                .build();
    }
}
