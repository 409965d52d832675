package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** GRAY8 / RGB8 frames and the checks every encoding goes through first. */
class RawFrameDecodeTest {

    @Test
    void gray8BecomesEqualRgbChannels() {
        RgbImage img = DECODER.decode(FrameEncoding.GRAY8, 2, 2, new byte[] {0, (byte) 128, (byte) 255, 7});
        assertThat(img.width()).isEqualTo(2);
        assertThat(img.height()).isEqualTo(2);
        assertThat(img.pixels())
                .containsExactly(
                        0f, 0f, 0f, 128 / 255f, 128 / 255f, 128 / 255f, 1f, 1f, 1f, 7 / 255f, 7 / 255f, 7 / 255f);
    }

    @Test
    void rgb8KeepsChannelOrderAndRowMajorLayout() {
        byte[] bytes = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30, 40, 50, 60, 70, 80, 90};
        RgbImage img = DECODER.decode(FrameEncoding.RGB8, 3, 2, bytes);
        assertThat(img.pixels()).hasSize(18);
        assertThat(img.pixels()[0]).isEqualTo(1f);
        assertThat(img.pixels()[4]).isEqualTo(1f);
        assertThat(img.pixels()[8]).isEqualTo(1f);
        assertThat(img.pixels()[9]).isEqualTo(10 / 255f);
        assertThat(img.pixels()[17]).isEqualTo(90 / 255f);
        // same floats as the file path gives for the same pixels
        assertThat(img.pixels())
                .containsExactly(RgbImage.of(img.toBufferedImage()).pixels());
    }

    @Test
    void fewerBytesThanTheDeclaredSizeIsTruncated() {
        FrameRejectedException e = rejection(FrameEncoding.RGB8, 4, 4, new byte[47]);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        assertThat(e.getMessage()).contains("needs 48 bytes, got 47");
        assertThat(rejection(FrameEncoding.GRAY8, 4, 4, new byte[0]).reason()).isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
    }

    @Test
    void moreBytesThanTheDeclaredSizeIsADimensionMismatch() {
        FrameRejectedException e = rejection(FrameEncoding.GRAY8, 4, 4, new byte[17]);
        assertThat(e.reason()).isEqualTo(DecodeFailure.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).contains("needs 16 bytes, got 17");
    }

    @Test
    void aByteCountOfTheOtherRawEncodingSaysSo() {
        assertThat(rejection(FrameEncoding.GRAY8, 4, 4, new byte[48]).getMessage())
                .contains("size of an RGB8 frame");
        FrameRejectedException e = rejection(FrameEncoding.RGB8, 4, 4, new byte[16]);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        assertThat(e.getMessage()).contains("size of a GRAY8 frame");
    }

    @Test
    void nonPositiveDeclaredSizesAreInvalidFields() {
        for (int[] size : new int[][] {{0, 4}, {4, 0}, {-1, 4}, {4, -3}, {Integer.MIN_VALUE, 1}}) {
            FrameRejectedException e = rejection(FrameEncoding.GRAY8, size[0], size[1], new byte[16]);
            assertThat(e.reason()).as("%dx%d", size[0], size[1]).isEqualTo(DecodeFailure.INVALID_FIELD);
        }
        assertThat(rejection(FrameEncoding.PNG, 0, 0, TestImages.png(TestImages.gradient(2, 2)))
                        .reason())
                .isEqualTo(DecodeFailure.INVALID_FIELD);
    }

    @Test
    void declaredSizesOverTheLimitsAreTooLargeWithoutLookingAtTheBytes() {
        // 20000 > maxSide; 10000 x 10000 = 100 MP > maxPixels; int overflow of w*h must not sneak through
        for (int[] size : new int[][] {{20_000, 1}, {1, 20_000}, {10_000, 10_000}, {65_536, 65_536}}) {
            FrameRejectedException e = rejection(FrameEncoding.GRAY8, size[0], size[1], new byte[1]);
            assertThat(e.reason()).as("%dx%d", size[0], size[1]).isEqualTo(DecodeFailure.IMAGE_TOO_LARGE);
        }
    }

    @Test
    void tooManyBytesIsRejectedBeforeAnyOtherCheck() {
        FrameDecoder small = new FrameDecoder(
                new FrameLimits(1000, 1_000_000, 1000, FrameLimits.defaults().allowed()));
        // UNKNOWN encoding and a negative size would be rejected too, but the byte count comes first
        FrameRejectedException e = rejection(small, FrameEncoding.UNKNOWN, -1, -1, new byte[1001]);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_TOO_LARGE);
        assertThat(e.getMessage()).contains("1001 bytes", "1000");
        // exactly at the limit passes that check
        assertThat(small.decode(FrameEncoding.GRAY8, 40, 25, new byte[1000]).width())
                .isEqualTo(40);
    }

    @Test
    void unknownOrDisallowedEncodingsAreUnsupported() {
        assertThat(rejection(FrameEncoding.UNKNOWN, 2, 2, new byte[4]).reason())
                .isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
        FrameDecoder pngOnly = new FrameDecoder(new FrameLimits(1000, 1000, 100, EnumSet.of(FrameEncoding.PNG)));
        FrameRejectedException e = rejection(pngOnly, FrameEncoding.GRAY8, 2, 2, new byte[4]);
        assertThat(e.reason()).isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
        assertThat(e.getMessage()).contains("GRAY8", "allowed: [PNG]");
    }

    @Test
    void missingFieldsAreInvalidFields() {
        assertThat(rejection(FrameEncoding.GRAY8, 2, 2, null).reason()).isEqualTo(DecodeFailure.INVALID_FIELD);
        assertThat(rejection(null, 2, 2, new byte[4]).reason()).isEqualTo(DecodeFailure.INVALID_FIELD);
    }

    @Test
    void messageStartsWithTheReasonAndDetailHasTheRest() {
        FrameRejectedException e = rejection(FrameEncoding.UNKNOWN, 2, 2, new byte[4]);
        assertThat(e.getMessage()).isEqualTo("UNSUPPORTED_ENCODING: " + e.detail());
    }
}
