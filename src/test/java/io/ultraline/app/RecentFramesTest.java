package io.ultraline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FrameVerdict;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.ModelStamp;
import io.ultraline.avro.SourceRef;
import io.ultraline.avro.VerdictStatus;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentFramesTest {

    private static CameraFrame frame(String camera, String id) {
        return CameraFrame.newBuilder().setCameraId(camera).setLineId("l").setFrameId(id)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000)).setEncoding(ImageEncoding.PNG).setWidth(1)
                .setHeight(1).setImage(ByteBuffer.wrap(new byte[] {1, 2, 3})).setProductId(null)
                .setAttributes(Map.of()).build();
    }

    private static FrameVerdict verdict(String camera, String id, float score) {
        return FrameVerdict.newBuilder().setCameraId(camera).setLineId("l").setFrameId(id).setProductId(null)
                .setCaptureTimestamp(Instant.ofEpochMilli(1000)).setProcessedTimestamp(Instant.ofEpochMilli(1200))
                .setStatus(VerdictStatus.OK).setFrameScore(score).setThreshold(1f).setRegionCount(0)
                .setConceptCount(2).setSource(new SourceRef("line.frames", 0, 1L))
                .setModel(new ModelStamp("m", "1", "d")).setProfileVersion(1L).setPipelineVersion("p").build();
    }

    @Test
    void keepsTheLastFramesPerCameraWithTheirVerdicts() {
        RecentFrames recent = new RecentFrames();
        for (int i = 0; i < RecentFrames.FRAMES_PER_CAMERA + 3; i++) {
            recent.frameAccepted(frame("c", "f" + i));
        }
        recent.frameAccepted(frame("other", "x"));
        recent.verdict(verdict("c", "f5", 0.5f));
        assertThat(recent.frame("c", "f0")).isEmpty();
        assertThat(recent.frame("c", "f3")).isPresent();
        assertThat(recent.latestWithVerdict("c")).get().extracting(e -> e.frame().getFrameId()).isEqualTo("f5");
        assertThat(recent.latestWithVerdict("other")).isEmpty();
        assertThat(recent.frame("c", "f5").get().image()).containsExactly(1, 2, 3);
        assertThat(recent.scores("c")).extracting(RecentFrames.ScorePoint::score).containsExactly(0.5f);
    }

    @Test
    void theScoreHistoryIsBounded() {
        RecentFrames recent = new RecentFrames();
        for (int i = 0; i < RecentFrames.SCORES_PER_CAMERA + 10; i++) {
            recent.verdict(verdict("c", "f" + i, i));
        }
        assertThat(recent.scores("c")).hasSize(RecentFrames.SCORES_PER_CAMERA);
        assertThat(recent.scores("c").get(0).score()).isEqualTo(10f);
    }

    @Test
    void theDefectRateCoversTheLastFramesOnly() {
        ServiceMetrics.DefectRate rate = new ServiceMetrics.DefectRate(4);
        rate.add(true);
        rate.add(true);
        assertThat(rate.value()).isEqualTo(1.0);
        rate.add(false);
        rate.add(false);
        rate.add(false);
        assertThat(rate.value()).isEqualTo(0.25);
    }
}
