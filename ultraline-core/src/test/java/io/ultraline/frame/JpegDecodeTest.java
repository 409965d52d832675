package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static io.ultraline.frame.TestImages.cut;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** JPEG frames: lossy but close; truncation, damage and unsupported variants each get their reason. */
class JpegDecodeTest {

    private static final BufferedImage GRADIENT = TestImages.gradient(64, 48);
    private static final byte[] JPEG = TestImages.jpeg(GRADIENT, 0.95f);

    @Test
    void rgbJpegDecodesCloseToTheSource() {
        RgbImage img = DECODER.decode(FrameEncoding.JPEG, 64, 48, JPEG);
        float[] expected = RgbImage.of(GRADIENT).pixels();
        float[] actual = img.pixels();
        double sum = 0;
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("value %d", i).isCloseTo(expected[i], within(0.08f));
            sum += Math.abs(actual[i] - expected[i]);
        }
        assertThat(sum / expected.length).isLessThan(0.01);
    }

    @Test
    void grayJpegGivesEqualChannelsCloseToTheStoredLuma() {
        BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 32; x++) {
            for (int y = 0; y < 16; y++) {
                gray.getRaster().setSample(x, y, 0, 60 + 4 * x);
            }
        }
        float[] px = DECODER.decode(FrameEncoding.JPEG, 32, 16, TestImages.jpeg(gray, 0.95f))
                .pixels();
        for (int p = 0; p < 32 * 16; p++) {
            assertThat(px[3 * p + 1]).isEqualTo(px[3 * p]);
            assertThat(px[3 * p + 2]).isEqualTo(px[3 * p]);
            // getRGB's linear-gray conversion would put 60 + 4x tens of levels higher
            assertThat(px[3 * p]).isCloseTo((60 + 4 * (p % 32)) / 255f, within(3 / 255f));
        }
    }

    @Test
    void truncatedAnywhereIsTruncated() {
        int scan = TestImages.scanDataOffset(JPEG);
        int[] cuts = {
            0,
            1,
            2,
            3,
            4,
            5,
            20,
            scan - 3,
            scan,
            scan + 1,
            JPEG.length / 2,
            JPEG.length - 10,
            JPEG.length - 2,
            JPEG.length - 1
        };
        for (int length : cuts) {
            FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, cut(JPEG, length));
            assertThat(e.reason())
                    .as("cut at %d of %d: %s", length, JPEG.length, e.getMessage())
                    .isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        }
    }

    @Test
    void aCutJpegThatImageIoReturnsAsAnImageIsStillTruncated() throws Exception {
        int scan = TestImages.scanDataOffset(JPEG);
        byte[] half = cut(JPEG, scan + (JPEG.length - scan) / 2);
        assertThat(ImageIO.read(new ByteArrayInputStream(half)))
                .as("ImageIO's answer")
                .isNotNull();
        assertThat(rejection(FrameEncoding.JPEG, 64, 48, half).getMessage()).contains("entropy-coded data");
    }

    @Test
    void missingScanDataInsideACompleteFileIsCaughtFromTheDecoderWarning() throws Exception {
        int scan = TestImages.scanDataOffset(JPEG);
        int from = scan + (JPEG.length - scan) / 3;
        int to = from + (JPEG.length - scan) / 3;
        // cut between whole bytes of entropy data: not right after an 0xFF, whose next byte belongs to it
        while ((JPEG[from - 1] & 0xff) == 0xFF) {
            from++;
        }
        while ((JPEG[to - 1] & 0xff) == 0xFF) {
            to++;
        }
        // drop a third of the scan data but keep the file's structure (and its EOI) intact
        byte[] gap = TestImages.concat(Arrays.copyOfRange(JPEG, 0, from), Arrays.copyOfRange(JPEG, to, JPEG.length));
        assertThatCode(() -> JpegStructure.check(gap))
                .as("the walk sees a whole file")
                .doesNotThrowAnyException();
        assertThat(ImageIO.read(new ByteArrayInputStream(gap)))
                .as("ImageIO's answer")
                .isNotNull();
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, gap);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getMessage()).contains("warnings:");
    }

    @Test
    void damagedMarkersAreCorruptWhereverTheyAre() {
        // each kind of damage breaks a rule of the marker walk, so none of the 40 may decode
        int scan = TestImages.scanDataOffset(JPEG);
        List<Integer> segments = segmentOffsetsBeforeTheScanData(JPEG);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 40; i++) {
            byte[] damaged = JPEG.clone();
            String what;
            switch (i % 3) {
                case 0 -> { // the 0xFF that opens a header segment becomes another byte
                    int at = segments.get(random.nextInt(segments.size()));
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    what = "marker prefix at " + at;
                }
                case 1 -> { // a header segment's marker code becomes a reserved one (0x02..0xBF)
                    int at = segments.get(random.nextInt(segments.size())) + 1;
                    damaged[at] = (byte) (0x02 + random.nextInt(0xBF - 0x02 + 1));
                    what = String.format("marker code at %d -> 0x%02X", at, damaged[at]);
                }
                default -> { // the scan data gains a reserved marker, which ends it where no segment may start
                    int at = scan + random.nextInt(JPEG.length - 4 - scan);
                    damaged[at] = (byte) 0xFF;
                    damaged[at + 1] = (byte) (0x02 + random.nextInt(0xBF - 0x02 + 1));
                    what = String.format("marker 0xFF%02X written into the scan data at %d", damaged[at + 1], at);
                }
            }
            FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, damaged);
            assertThat(e.reason()).as("%s: %s", what, e.getMessage()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        }
    }

    @Test
    void flippedBytesInTheScanDataDecodeOrAreCorruptAndNeverThrowAnythingElse() {
        // entropy-coded data has no checksum: a flip may decode to other pixels, so either answer is
        // right; what this proves is that no flip escapes as another reason or an unexpected exception
        int scan = TestImages.scanDataOffset(JPEG);
        java.util.Random random = new java.util.Random(11);
        int rejected = 0;
        for (int i = 0; i < 40; i++) {
            byte[] flipped = JPEG.clone();
            flipped[scan + random.nextInt(JPEG.length - 2 - scan)] ^= (byte) (1 + random.nextInt(255));
            try {
                assertThat(DECODER.decode(FrameEncoding.JPEG, 64, 48, flipped).width())
                        .isEqualTo(64);
            } catch (FrameRejectedException e) {
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
                rejected++;
            }
        }
        // some flips do break the Huffman stream: the decoder's warning path was exercised
        assertThat(rejected).isPositive();
    }

    /** Offsets of the 0xFF of every segment marker from the first after SOI up to and including SOS. */
    private static List<Integer> segmentOffsetsBeforeTheScanData(byte[] jpeg) {
        List<Integer> offsets = new java.util.ArrayList<>();
        int pos = 2;
        while (true) {
            offsets.add(pos);
            if ((jpeg[pos + 1] & 0xff) == 0xDA) {
                return offsets;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
        }
    }

    @Test
    void aSegmentLengthImpossibleForItsTypeIsCorruptEvenWhenTheDataIsAlsoCut() {
        int sos = TestImages.markerOffset(JPEG, 0xDA);
        byte[] bytes = cut(JPEG, TestImages.scanDataOffset(JPEG) + 10);
        assertThat(rejection(FrameEncoding.JPEG, 64, 48, bytes).reason()).isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        bytes[sos + 2] = 0x01; // a 3-component scan header is 12 bytes; 268 runs past the end and is impossible
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, bytes);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getMessage()).contains("scan header of 3 components");
    }

    @Test
    void otherFormatsDeclaredAsJpegAreCorruptAndNamed() {
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, TestImages.png(GRADIENT));
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getMessage()).contains("declared JPEG", "a PNG signature");
    }

    @Test
    void markersThatCannotAppearInAJpegAreCorrupt() {
        byte[] bytes = JPEG.clone();
        bytes[3] = 0x05; // the first marker after SOI becomes 0xFF05, a reserved code
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, bytes);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getMessage()).contains("0xFF05");
    }

    @Test
    void headerSizeDifferentFromTheDeclaredSizeIsAMismatch() {
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 48, 64, JPEG);
        assertThat(e.reason()).isEqualTo(DecodeFailure.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).contains("header says 64x48");
    }

    @Test
    void fourComponentJpegWithoutAnAdobeSegmentIsUnsupported() throws Exception {
        // readers guess: TwelveMonkeys' reads these all-zero samples as YCCK and returns green;
        // the Adobe CMYK and YCCK files that decode are in JpegCmykTest
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 8, 4, null);
        byte[] bytes = TestImages.jpegOfRaster(cmyk);
        assertThat(TestImages.markerOffset(bytes, 0xEE)).as("no Adobe segment").isNegative();
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 16, 8, bytes);
        assertThat(e.reason()).isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
        assertThat(e.getMessage()).contains("4-component", "Adobe");
    }

    @Test
    void losslessHierarchicalArithmeticAndTwelveBitJpegsAreUnsupported() {
        int sof = TestImages.markerOffset(JPEG, 0xC0);
        for (int marker : new int[] {0xC3, 0xC5, 0xC9, 0xCA, 0xCF}) {
            byte[] bytes = JPEG.clone();
            bytes[sof + 1] = (byte) marker;
            FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, bytes);
            assertThat(e.reason()).as("SOF 0x%X", marker).isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
        }
        byte[] twelveBit = JPEG.clone();
        twelveBit[sof + 4] = 12;
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, twelveBit);
        assertThat(e.reason()).isEqualTo(DecodeFailure.UNSUPPORTED_ENCODING);
        assertThat(e.getMessage()).contains("12-bit");
    }

    @Test
    void progressiveJpegDecodes() {
        javax.imageio.ImageWriter writer =
                ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(GRADIENT, null, null), param);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        byte[] progressive = out.toByteArray();
        assertThat(TestImages.markerOffset(progressive, 0xC2))
                .as("SOF2 present")
                .isPositive();
        RgbImage img = DECODER.decode(FrameEncoding.JPEG, 64, 48, progressive);
        assertThat(img.pixels()[3 * (20 * 64 + 30)])
                .isCloseTo(RgbImage.of(GRADIENT).pixels()[3 * (20 * 64 + 30)], within(0.1f));
    }
}
