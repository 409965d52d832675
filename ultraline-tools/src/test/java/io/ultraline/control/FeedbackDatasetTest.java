package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.FeedbackKind;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.evaluation.LabelledDataset;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedbackDatasetTest {

    @TempDir
    Path dir;

    /** A raw 8 x 8 gray frame: the export must turn any encoding into PNG. */
    private static CameraFrame frame(String id, int grey) {
        byte[] pixels = new byte[64];
        java.util.Arrays.fill(pixels, (byte) grey);
        return CameraFrame.newBuilder()
                .setCameraId("cam/1")
                .setFrameId(id)
                .setCaptureTimestamp(Instant.EPOCH)
                .setEncoding(ImageEncoding.GRAY8)
                .setWidth(8)
                .setHeight(8)
                .setImage(ByteBuffer.wrap(pixels))
                .setAttributes(Map.of())
                .build();
    }

    @Test
    void falseAlarmsAlternateBetweenCalibrationAndGoodTestFramesAndDefectsHaveNoMask() throws Exception {
        List<FeedbackDataset.Labelled> frames = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            frames.add(new FeedbackDataset.Labelled(FeedbackKind.FALSE_ALARM, frame("ok-" + i, 100 + i), null));
        }
        frames.add(new FeedbackDataset.Labelled(FeedbackKind.CONFIRMED_DEFECT, frame("bad", 250), "dent"));

        FeedbackDataset.Written w = FeedbackDataset.write(frames, dir.resolve("set"));

        assertThat(w).isEqualTo(new FeedbackDataset.Written(3, 2, 1));
        LabelledDataset data = LabelledDataset.open(dir.resolve("set"));
        assertThat(data.calibration())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("cam_1_ok-0.png", "cam_1_ok-2.png", "cam_1_ok-4.png");
        assertThat(data.test())
                .extracting(LabelledDataset.TestFrame::image, LabelledDataset.TestFrame::defective)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cam_1_ok-1.png", false),
                        org.assertj.core.groups.Tuple.tuple("cam_1_ok-3.png", false),
                        org.assertj.core.groups.Tuple.tuple("cam_1_bad.png", true));
        assertThat(data.test()).allSatisfy(t -> assertThat(t.maskPath()).isNull());
        assertThat(LabelledDataset.readImage(data.test().get(2).imagePath()).width())
                .isEqualTo(8);
        assertThat(Files.readAllLines(dir.resolve("set/test/defect-types.csv"))).contains("cam_1_bad.png,dent");
    }

    @Test
    void anExportNeverWritesIntoAnExistingDataset() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("set")).resolve("keep.txt"), "x");
        assertThatThrownBy(() -> FeedbackDataset.write(List.of(), dir.resolve("set")))
                .hasMessageContaining("not empty");
    }
}
