package io.ultraline.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CalibrationAction;
import io.ultraline.avro.CalibrationCommand;
import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.SourceRef;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileChangesTest {

    private static final SourceRef SOURCE = new SourceRef("line.frames", 3, 17L);

    private static CameraFrame frame(byte[] image) {
        return CameraFrame.newBuilder()
                .setCameraId("cam-1")
                .setFrameId("f-1")
                .setProductId("p")
                .setCaptureTimestamp(Instant.EPOCH)
                .setEncoding(ImageEncoding.PNG)
                .setWidth(4)
                .setHeight(2)
                .setImage(ByteBuffer.wrap(image))
                .setAttributes(Map.of())
                .build();
    }

    @Test
    void addNormalCarriesTheFrameAsItWasOnLineFrames() {
        CalibrationCommand c =
                ProfileChanges.addNormal(frame(new byte[] {9, 8, 7}), SOURCE, "operator", Instant.ofEpochMilli(5));
        assertThat(c.getAction()).isEqualTo(CalibrationAction.ADD_NORMAL);
        assertThat(c.getCameraId()).isEqualTo("cam-1");
        assertThat(c.getProductId()).isEqualTo("p");
        assertThat(c.getFrameId()).isEqualTo("f-1");
        assertThat(c.getFrameSource()).isEqualTo(SOURCE);
        assertThat(c.getFrameEncoding()).isEqualTo(ImageEncoding.PNG);
        assertThat(c.getFrameWidth()).isEqualTo(4);
        assertThat(c.getFrameHeight()).isEqualTo(2);
        assertThat(c.getFrameImage()).isEqualTo(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        assertThat(c.getTimestamp()).isEqualTo(Instant.ofEpochMilli(5));
        assertThatThrownBy(() -> ProfileChanges.addNormal(frame(new byte[0]), SOURCE, "o", Instant.EPOCH))
                .hasMessageContaining("image");
        assertThatThrownBy(() -> ProfileChanges.addNormal(frame(new byte[] {1}), null, "o", Instant.EPOCH))
                .hasMessageContaining("audit");
    }

    @Test
    void aMarginIsAFactorInItsRange() {
        CalibrationCommand c = ProfileChanges.margin("cam-1", " ", 1.2f, "me", Instant.EPOCH);
        assertThat(c.getAction()).isEqualTo(CalibrationAction.MARGIN);
        assertThat(c.getMargin()).isEqualTo(1.2f);
        assertThat(c.getProductId()).isNull();
        assertThat(ProfileChanges.margin("cam-1", null, ProfileChanges.MAX_MARGIN, "me", Instant.EPOCH)
                        .getMargin())
                .isEqualTo(10f);
        for (float bad : new float[] {0f, -1f, 10.5f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> ProfileChanges.margin("cam-1", null, bad, "me", Instant.EPOCH))
                    .hasMessageContaining("(0, 10.0]");
        }
        assertThatThrownBy(() -> ProfileChanges.margin("", null, 1f, "me", Instant.EPOCH))
                .hasMessageContaining("camera id");
    }
}
