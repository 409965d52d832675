package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.stream.FieldLimits;
import io.ultraline.stream.FrameRecordLimits;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCheckTest {

    private static final FrameCheck.Identity ID = new FrameCheck.Identity(
            "line-1", "cam-1", "f-1", "P", Map.of("shift", "night"), Instant.ofEpochMilli(1_700_000_000_000L));

    @Test
    void aFrameCarriesItsIdentityAndTheSizeFromTheHeader() throws FrameRefusedException {
        byte[] jpeg = GatewayImages.jpeg(1);

        CameraFrame frame = new FrameCheck(FrameRecordLimits.defaults()).frame(ID, ImageEncoding.JPEG, jpeg);

        assertThat(frame.getWidth()).isEqualTo(64);
        assertThat(frame.getHeight()).isEqualTo(48);
        assertThat(frame.getCameraId()).isEqualTo("cam-1");
        assertThat(frame.getLineId()).isEqualTo("line-1");
        assertThat(frame.getProductId()).isEqualTo("P");
        assertThat(frame.getAttributes()).containsEntry("shift", "night");
        assertThat(frame.getCaptureTimestamp()).isEqualTo(ID.captured());
        assertThat(frame.getImage().remaining()).isEqualTo(jpeg.length);
        assertThat(FrameCheck.encodingOf(jpeg)).isEqualTo(ImageEncoding.JPEG);
        assertThat(FrameCheck.encodingOf(GatewayImages.png(1))).isEqualTo(ImageEncoding.PNG);
        assertThat(FrameCheck.encodingOf(new byte[] {1, 2, 3})).isNull();
    }

    @Test
    void framesPastTheServiceLimitsAreRefusedWithTheLimitNamed() {
        byte[] png = GatewayImages.png(2); // 40 x 30
        FrameRecordLimits small = new FrameRecordLimits(png.length - 1, 10_000, EnumSet.of(ImageEncoding.PNG));
        FrameRecordLimits fewPixels = new FrameRecordLimits(1 << 20, 40 * 30 - 1, EnumSet.of(ImageEncoding.PNG));
        FrameRecordLimits pngOnly = new FrameRecordLimits(1 << 20, 10_000, EnumSet.of(ImageEncoding.PNG));
        FrameRecordLimits shortIds = FrameRecordLimits.defaults().withFields(new FieldLimits(3, 64, 128, 1024));

        assertThatThrownBy(() -> new FrameCheck(small).frame(ID, ImageEncoding.PNG, png))
                .hasMessageContaining(png.length + " bytes")
                .hasMessageContaining(FrameRecordLimits.KEY_MAX_BYTES);
        assertThatThrownBy(() -> new FrameCheck(fewPixels).frame(ID, ImageEncoding.PNG, png))
                .hasMessageContaining("40 x 30")
                .hasMessageContaining(FrameRecordLimits.KEY_MAX_PIXELS);
        assertThatThrownBy(() -> new FrameCheck(pngOnly).frame(ID, ImageEncoding.JPEG, GatewayImages.jpeg(2)))
                .hasMessageContaining("JPEG frames are not accepted");
        assertThatThrownBy(() -> new FrameCheck(shortIds).frame(ID, ImageEncoding.PNG, png))
                .isInstanceOf(FrameRefusedException.class)
                .hasMessageContaining(FieldLimits.KEY_MAX_ID_LENGTH);
    }

    @Test
    void aDamagedHeaderOrAMissingCameraIsRefused() {
        byte[] png = GatewayImages.png(3);
        byte[] damaged = java.util.Arrays.copyOf(png, 20);
        FrameCheck check = new FrameCheck(FrameRecordLimits.defaults());
        FrameCheck.Identity noCamera = new FrameCheck.Identity("", " ", "f", null, Map.of(), Instant.EPOCH);

        assertThatThrownBy(() -> check.frame(ID, ImageEncoding.PNG, damaged))
                .isInstanceOf(FrameRefusedException.class)
                .hasMessageContaining("PNG");
        assertThatThrownBy(() -> check.frame(noCamera, ImageEncoding.PNG, png)).hasMessageContaining("no camera id");
    }
}
