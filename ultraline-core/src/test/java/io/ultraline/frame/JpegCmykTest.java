package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/**
 * Four-component JPEGs (CMYK and YCCK, as print-inspection cameras write them) decode to the
 * colours of their source, not to inverted or channel-swapped ones, and the container checks
 * still run before any decoder does. The files and how they were made: src/test/resources/frames/cmyk.
 */
class JpegCmykTest {

    private static final int W = 48;
    private static final int H = 32;
    /** The source patches, row by row, each 16 x 16. */
    private static final int[][] PATCHES = {{0xd02020, 0x20a040, 0x2040c0}, {0xe0c020, 0x808080, 0xf0f0f0}};
    /**
     * Per channel, out of 1. Measured: at most 0.004 off on both files (no ICC profile, so the
     * reader inverts ImageMagick's own naive conversion); an inverted or swapped channel is off by
     * 0.3 or more on every patch but the grey one.
     */
    private static final float TOLERANCE = 0.03f;

    static byte[] resource(String name) {
        try (InputStream in = JpegCmykTest.class.getResourceAsStream("/frames/cmyk/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void adobeCmykDecodesToTheSourceColours() {
        assertColoursOfTheSource(DECODER.decode(FrameEncoding.JPEG, W, H, resource("cmyk-adobe.jpg")));
    }

    @Test
    void ycckDecodesToTheSourceColours() {
        assertColoursOfTheSource(DECODER.decode(FrameEncoding.JPEG, W, H, resource("ycck-adobe.jpg")));
    }

    @Test
    void theStructureChecksStillComeFirst() {
        byte[] ycck = resource("ycck-adobe.jpg");
        assertThat(rejection(FrameEncoding.JPEG, W, H, TestImages.cut(ycck, ycck.length - 40))
                        .reason())
                .isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        assertThat(rejection(FrameEncoding.JPEG, H, W, ycck).reason()).isEqualTo(DecodeFailure.DIMENSION_MISMATCH);
        FrameDecoder small = new FrameDecoder(
                new FrameLimits(1 << 20, 1000, 1000, FrameLimits.defaults().allowed()));
        assertThat(rejection(small, FrameEncoding.JPEG, W, 20, ycck).reason())
                .as("declared size fits, the header's 48x32 does not")
                .isEqualTo(DecodeFailure.DECOMPRESSION_BOMB);
        byte[] twelveBit = ycck.clone();
        twelveBit[TestImages.markerOffset(ycck, 0xC0) + 4] = 12;
        assertThat(rejection(FrameEncoding.JPEG, W, H, twelveBit).reason())
                .isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
    }

    @Test
    void damagedFourComponentFilesAreRejectedByTypeOnly() {
        // the second reader must keep the decoder's contract: an image or a FrameRejectedException
        java.util.Random random = new java.util.Random(12);
        for (String name : new String[] {"cmyk-adobe.jpg", "ycck-adobe.jpg"}) {
            byte[] file = resource(name);
            for (int i = 0; i < 200; i++) {
                byte[] flipped = file.clone();
                flipped[2 + random.nextInt(file.length - 4)] ^= (byte) (1 + random.nextInt(255));
                try {
                    assertThat(DECODER.decode(FrameEncoding.JPEG, W, H, flipped).width())
                            .isEqualTo(W);
                } catch (FrameRejectedException expected) {
                    assertThat(expected.reason()).isNotNull();
                }
            }
        }
    }

    private static void assertColoursOfTheSource(RgbImage img) {
        assertThat(img.width()).isEqualTo(W);
        assertThat(img.height()).isEqualTo(H);
        for (int row = 0; row < PATCHES.length; row++) {
            for (int col = 0; col < PATCHES[row].length; col++) {
                int x = 16 * col + 8;
                int y = 16 * row + 8;
                int rgb = PATCHES[row][col];
                int o = 3 * (y * W + x);
                for (int c = 0; c < 3; c++) {
                    float expected = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                    assertThat(img.pixels()[o + c])
                            .as("patch %06x channel %d", rgb, c)
                            .isCloseTo(expected, within(TOLERANCE));
                }
            }
        }
    }
}
