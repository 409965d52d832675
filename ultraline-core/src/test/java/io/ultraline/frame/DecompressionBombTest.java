package io.ultraline.frame;

import static io.ultraline.frame.TestImages.allocatedBytes;
import static io.ultraline.frame.TestImages.chunk;
import static io.ultraline.frame.TestImages.concat;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small files that would make a decoder allocate gigabytes or spin for minutes: each is refused
 * from its header, within a second, while the test thread allocates a few megabytes at most (the
 * pixels the headers claim would take 2.7 to 10.8 GB).
 */
class DecompressionBombTest {

    private static final long FEW_MEGABYTES = 16L << 20;

    @BeforeAll
    static void warmUp() {
        // class loading and ImageIO's registry allocate once; keep that out of the measurements
        TestImages.DECODER.decode(FrameEncoding.PNG, 4, 4, TestImages.png(TestImages.gradient(4, 4)));
        TestImages.DECODER.decode(FrameEncoding.JPEG, 16, 16, TestImages.jpeg(TestImages.gradient(16, 16), 0.9f));
    }

    /** A valid PNG whose IHDR claims {@code side x side} RGB and whose tiny IDAT holds a few rows. */
    static byte[] pngClaiming(int side) {
        byte[] fewRows = new byte[4 * (1 + 3 * 64)];
        return concat(
                ImageSignature.PNG,
                TestImages.ihdr(side, side, 8, 2),
                chunk("IDAT", TestImages.deflate(fewRows)),
                chunk("IEND", new byte[0]));
    }

    @Test
    void pngClaiming50000SquaredIsABombAndNothingIsAllocated() {
        assertRefusedCheaply(FrameEncoding.PNG, pngClaiming(50_000), "50000x50000");
    }

    @Test
    void pngClaiming30000SquaredIsABombThoughImageIoWouldTryToAllocateIt() {
        // 900 megapixels fits in an int, so the JDK reader would go ahead and allocate 2.7 GB
        byte[] bomb = pngClaiming(30_000);
        assertThat(bomb.length).isLessThan(200);
        assertRefusedCheaply(FrameEncoding.PNG, bomb, "30000x30000");
    }

    @Test
    void jpegWhoseFrameHeaderClaims60000SquaredIsABomb() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(64, 48), 0.9f);
        int sof = TestImages.markerOffset(jpeg, 0xC0);
        jpeg[sof + 5] = (byte) 0xEA; // height 0xEA60 = 60000
        jpeg[sof + 6] = 0x60;
        jpeg[sof + 7] = (byte) 0xEA; // width
        jpeg[sof + 8] = 0x60;
        assertRefusedCheaply(FrameEncoding.JPEG, jpeg, "60000x60000");
    }

    @Test
    void aHeaderOverOneSideLimitAloneIsABomb() {
        FrameDecoder narrow = new FrameDecoder(
                new FrameLimits(1 << 20, 1_000_000, 100, FrameLimits.defaults().allowed()));
        byte[] tall = concat(
                ImageSignature.PNG,
                TestImages.ihdr(1, 5000, 8, 0),
                chunk("IDAT", TestImages.deflate(new byte[2 * 5000])),
                chunk("IEND", new byte[0]));
        FrameRejectedException e = rejection(narrow, FrameEncoding.PNG, 10, 10, tall);
        assertThat(e.reason()).isEqualTo(DecodeFailure.DECOMPRESSION_BOMB);
    }

    @Test
    void declaringTheBombsSizeIsRefusedAsTooLargeBeforeTheHeaderIsRead() {
        FrameRejectedException e = rejection(FrameEncoding.PNG, 50_000, 50_000, pngClaiming(50_000));
        assertThat(e.reason()).isEqualTo(DecodeFailure.IMAGE_TOO_LARGE);
    }

    @Test
    void jpegWithThousandsOfScansIsABomb() {
        byte[] jpeg = TestImages.jpeg(TestImages.gradient(64, 48), 0.9f);
        int sos = TestImages.markerOffset(jpeg, 0xDA);
        int sosEnd = TestImages.scanDataOffset(jpeg);
        byte[] scanHeader = Arrays.copyOfRange(jpeg, sos, sosEnd);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, sos);
        for (int i = 0; i < 5000; i++) {
            out.writeBytes(scanHeader);
            out.write(0);
        }
        out.write(0xFF);
        out.write(0xD9);
        FrameRejectedException e = rejection(FrameEncoding.JPEG, 64, 48, out.toByteArray());
        assertThat(e.reason()).isEqualTo(DecodeFailure.DECOMPRESSION_BOMB);
        assertThat(e.getMessage()).contains("more than " + JpegStructure.MAX_SCANS + " scans");
    }

    @Test
    void compressedPngMetadataIsNeverInflated() {
        // a zTXt chunk of 64 MiB of zeros in about 64 KB: the JDK reader inflates it whole when asked
        // for metadata (measured: ~3 bytes allocated per inflated byte), so this pins ignoreMetadata
        byte[] base = TestImages.png(TestImages.gradient(8, 8));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes("Comment".getBytes(StandardCharsets.US_ASCII));
        text.write(0);
        text.write(0);
        text.writeBytes(TestImages.deflate(new byte[64 << 20]));
        byte[] withBomb = concat(
                Arrays.copyOfRange(base, 0, 33),
                chunk("zTXt", text.toByteArray()),
                Arrays.copyOfRange(base, 33, base.length));
        AtomicReference<RgbImage> decoded = new AtomicReference<>();
        long allocated =
                allocatedBytes(() -> decoded.set(TestImages.DECODER.decode(FrameEncoding.PNG, 8, 8, withBomb)));
        assertThat(decoded.get().pixels())
                .containsExactly(RgbImage.of(TestImages.gradient(8, 8)).pixels());
        assertThat(allocated).isLessThan(FEW_MEGABYTES);
    }

    private static void assertRefusedCheaply(FrameEncoding encoding, byte[] bomb, String claimed) {
        AtomicReference<FrameRejectedException> rejected = new AtomicReference<>();
        long allocated = assertTimeoutPreemptively(
                Duration.ofSeconds(1), () -> allocatedBytes(() -> rejected.set(rejection(encoding, 64, 48, bomb))));
        assertThat(rejected.get().reason()).isEqualTo(DecodeFailure.DECOMPRESSION_BOMB);
        assertThat(rejected.get().getMessage()).contains(claimed);
        assertThat(allocated).isLessThan(FEW_MEGABYTES);
    }
}
