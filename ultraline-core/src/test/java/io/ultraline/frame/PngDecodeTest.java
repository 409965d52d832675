package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static io.ultraline.frame.TestImages.chunk;
import static io.ultraline.frame.TestImages.concat;
import static io.ultraline.frame.TestImages.cut;
import static io.ultraline.frame.TestImages.png;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** PNG frames: every colour type decodes to the stored values; damaged files are told apart. */
class PngDecodeTest {

    private static final BufferedImage RGB = TestImages.noise(37, 23, 1);
    private static final byte[] RGB_PNG = png(RGB);

    @Test
    void rgbPngDecodesToExactlyTheSourcePixels() {
        RgbImage img = DECODER.decode(FrameEncoding.PNG, 37, 23, RGB_PNG);
        assertThat(img.width()).isEqualTo(37);
        assertThat(img.height()).isEqualTo(23);
        assertThat(img.pixels()).containsExactly(RgbImage.of(RGB).pixels());
    }

    @Test
    void interlacedPngDecodesToTheSamePixels() {
        byte[] interlaced = TestImages.interlacedPng(RGB);
        assertThat(interlaced[28]).as("IHDR interlace method").isEqualTo((byte) 1);
        assertThat(DECODER.decode(FrameEncoding.PNG, 37, 23, interlaced).pixels())
                .containsExactly(RgbImage.of(RGB).pixels());
    }

    @Test
    void grayPngKeepsTheStoredValuesWhereGetRgbWouldShiftThem() {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        RgbImage img = DECODER.decode(FrameEncoding.PNG, 3, 1, png(gray));
        float mid = 128 / 255f;
        assertThat(img.pixels()).containsExactly(0f, 0f, 0f, mid, mid, mid, 1f, 1f, 1f);
    }

    @Test
    void sixteenBitGrayKeepsItsPrecision() {
        BufferedImage gray16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {40_000, 257});
        byte[] bytes = png(gray16);
        assertThat(bytes[24]).as("IHDR bit depth").isEqualTo((byte) 16);
        float[] px = DECODER.decode(FrameEncoding.PNG, 2, 1, bytes).pixels();
        assertThat(px[0]).isEqualTo(40_000 / 65535f);
        assertThat(px[1]).isEqualTo(px[0]);
        assertThat(px[3]).isEqualTo(257 / 65535f);
    }

    @Test
    void sixteenBitRgbAndRgbaKeepTheirPrecisionAndDropAlpha() {
        for (boolean alpha : new boolean[] {false, true}) {
            ComponentColorModel model = new ComponentColorModel(
                    ColorSpace.getInstance(ColorSpace.CS_sRGB),
                    alpha,
                    false,
                    alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                    DataBuffer.TYPE_USHORT);
            WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
            raster.setPixel(0, 0, alpha ? new int[] {65535, 1000, 30000, 5} : new int[] {65535, 1000, 30000});
            raster.setPixel(1, 0, alpha ? new int[] {1, 2, 3, 65535} : new int[] {1, 2, 3});
            byte[] bytes = png(new BufferedImage(model, raster, false, null));
            assertThat(bytes[25]).as("IHDR colour type").isEqualTo((byte) (alpha ? 6 : 2));
            assertThat(DECODER.decode(FrameEncoding.PNG, 2, 1, bytes).pixels())
                    .as("alpha %s", alpha)
                    .containsExactly(1f, 1000 / 65535f, 30000 / 65535f, 1 / 65535f, 2 / 65535f, 3 / 65535f);
        }
    }

    @Test
    void rgbaPngDropsAlphaWithoutPremultiplying() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10336699);
        argb.setRGB(1, 0, 0xFFFF0000);
        float[] px = DECODER.decode(FrameEncoding.PNG, 2, 1, png(argb)).pixels();
        assertThat(px).containsExactly(0x33 / 255f, 0x66 / 255f, 0x99 / 255f, 1f, 0f, 0f);
    }

    @Test
    void grayWithAlphaDropsAlpha() {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true,
                false,
                Transparency.TRANSLUCENT,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {77, 9});
        byte[] bytes = png(new BufferedImage(model, raster, false, null));
        assertThat(bytes[25]).as("IHDR colour type").isEqualTo((byte) 4);
        float v = 77 / 255f;
        assertThat(DECODER.decode(FrameEncoding.PNG, 1, 1, bytes).pixels()).containsExactly(v, v, v);
    }

    @Test
    void palettePngsOfEightAndFourBitsAreLookedUp() {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 16);
            g[i] = (byte) (255 - i * 16);
            b[i] = (byte) (i * 3);
        }
        IndexColorModel palette = new IndexColorModel(4, 16, r, g, b);
        BufferedImage four = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        four.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {7, 0, 15});
        byte[] bytes = png(four);
        assertThat(bytes[24]).as("bit depth").isEqualTo((byte) 4);
        assertThat(bytes[25]).as("colour type").isEqualTo((byte) 3);
        assertThat(DECODER.decode(FrameEncoding.PNG, 3, 1, bytes).pixels())
                .containsExactly(112 / 255f, 143 / 255f, 21 / 255f, 0f, 1f, 0f, 240 / 255f, 15 / 255f, 45 / 255f);

        BufferedImage eight = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_INDEXED);
        eight.setRGB(2, 1, 0x336699);
        byte[] eightBytes = png(eight);
        assertThat(eightBytes[25]).as("colour type").isEqualTo((byte) 3);
        assertThat(DECODER.decode(FrameEncoding.PNG, 5, 4, eightBytes).pixels())
                .containsExactly(RgbImage.of(eight).pixels());
    }

    @Test
    void oneBitGrayDecodesToBlackAndWhite() {
        BufferedImage binary = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {1, 0, 1});
        byte[] bytes = png(binary);
        assertThat(bytes[24]).as("bit depth").isEqualTo((byte) 1);
        assertThat(DECODER.decode(FrameEncoding.PNG, 3, 1, bytes).pixels())
                .containsExactly(1f, 1f, 1f, 0f, 0f, 0f, 1f, 1f, 1f);
    }

    @Test
    void truncatedAnywhereIsTruncated() {
        int idat = TestImages.chunkOffset(RGB_PNG, "IDAT");
        int[] cuts = {
            0,
            4,
            8,
            20,
            33,
            idat + 4,
            idat + 40,
            RGB_PNG.length / 2,
            RGB_PNG.length - 13,
            RGB_PNG.length - 12,
            RGB_PNG.length - 5,
            RGB_PNG.length - 1
        };
        for (int length : cuts) {
            FrameRejectedException e = rejection(FrameEncoding.PNG, 37, 23, cut(RGB_PNG, length));
            assertThat(e.reason())
                    .as("cut at %d of %d: %s", length, RGB_PNG.length, e.getMessage())
                    .isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        }
    }

    @Test
    void missingOnlyTheIendChunkIsTruncatedEvenThoughImageIoWouldDecodeIt() throws Exception {
        byte[] noIend = cut(RGB_PNG, RGB_PNG.length - 12);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(noIend)))
                .isNotNull();
        FrameRejectedException e = rejection(FrameEncoding.PNG, 37, 23, noIend);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_TRUNCATED);
        assertThat(e.getMessage()).contains("before the IEND chunk");
    }

    @Test
    void flippedBitsInImageDataAreCorruptEvenWhereImageIoDecodesThem() throws Exception {
        int idat = TestImages.chunkOffset(RGB_PNG, "IDAT");
        int length = java.nio.ByteBuffer.wrap(RGB_PNG, idat, 4).getInt();
        for (int offset : new int[] {idat + 8 + length / 3, idat + 8 + length / 2, idat + 8 + length - 20}) {
            byte[] flipped = RGB_PNG.clone();
            flipped[offset] ^= 0x10;
            FrameRejectedException e = rejection(FrameEncoding.PNG, 37, 23, flipped);
            assertThat(e.reason()).as("flip at %d", offset).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
            assertThat(e.getMessage()).contains("CRC mismatch in chunk IDAT");
        }
    }

    @Test
    void flippedBitsWithRepairedChecksumsDecodeOrAreCorrupt() {
        int idat = TestImages.chunkOffset(RGB_PNG, "IDAT");
        java.util.Random random = new java.util.Random(7);
        int rejected = 0;
        for (int i = 0; i < 40; i++) {
            byte[] flipped = RGB_PNG.clone();
            flipped[idat + 8 + random.nextInt(200)] ^= (byte) (1 << random.nextInt(8));
            byte[] repaired = TestImages.withFixedCrcs(flipped);
            try {
                assertThat(DECODER.decode(FrameEncoding.PNG, 37, 23, repaired).width())
                        .isEqualTo(37);
            } catch (FrameRejectedException e) {
                assertThat(e.reason()).as(e.getMessage()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
                rejected++;
            }
        }
        // damage early in the zlib stream is mostly caught by the inflater: the decoder path was exercised
        assertThat(rejected).isPositive();
    }

    @Test
    void aLengthFieldDamagedInACompleteFileIsCorruptNotTruncated() {
        int idat = TestImages.chunkOffset(RGB_PNG, "IDAT");
        byte[] damaged = RGB_PNG.clone();
        damaged[idat + 1] = 0x7f; // IDAT now claims ~2 GB; the file still ends with IEND
        FrameRejectedException e = rejection(FrameEncoding.PNG, 37, 23, damaged);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getMessage()).contains("ends with IEND");
    }

    @Test
    void garbageAfterAValidSignatureIsCorrupt() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 50; i++) {
            byte[] garbage = new byte[8 + random.nextInt(4000)];
            random.nextBytes(garbage);
            System.arraycopy(ImageSignature.PNG, 0, garbage, 0, 8);
            assertThat(rejection(FrameEncoding.PNG, 37, 23, garbage).reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        }
    }

    @Test
    void otherFormatsDeclaredAsPngAreCorruptAndNamed() {
        FrameRejectedException jpeg = rejection(FrameEncoding.PNG, 37, 23, TestImages.jpeg(RGB, 0.9f));
        assertThat(jpeg.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(jpeg.getMessage()).contains("declared PNG", "a JPEG signature");
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(rejection(FrameEncoding.PNG, 1, 1, gif).getMessage()).contains("a GIF signature");
        assertThat(rejection(FrameEncoding.PNG, 1, 1, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9})
                        .getMessage())
                .contains("bytes 01 02 03 04 05 06 07 08");
    }

    @Test
    void headerSizeDifferentFromTheDeclaredSizeIsAMismatch() {
        FrameRejectedException e = rejection(FrameEncoding.PNG, 23, 37, RGB_PNG);
        assertThat(e.reason()).isEqualTo(DecodeFailure.DIMENSION_MISMATCH);
        assertThat(e.getMessage()).contains("header says 37x23", "declares 23x37");
    }

    @Test
    void ihdrOfAnUnsupportedBitDepthIsCorrupt() {
        byte[] raw = new byte[2 * (1 + 3)];
        byte[] bytes = concat(
                ImageSignature.PNG,
                TestImages.ihdr(3, 2, 7, 2),
                chunk("IDAT", TestImages.deflate(raw)),
                chunk("IEND", new byte[0]));
        assertThat(rejection(FrameEncoding.PNG, 3, 2, bytes).reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
    }

    @Test
    void handMadePngWithAShortZlibStreamIsCorrupt() {
        // structure and CRCs are right, but the compressed rows stop after one of four rows
        byte[] oneRow = new byte[1 + 4 * 3];
        byte[] bytes = concat(
                ImageSignature.PNG,
                TestImages.ihdr(4, 4, 8, 2),
                chunk("IDAT", TestImages.deflate(oneRow)),
                chunk("IEND", new byte[0]));
        FrameRejectedException e = rejection(FrameEncoding.PNG, 4, 4, bytes);
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
        assertThat(e.getCause()).isNotNull();
    }
}
