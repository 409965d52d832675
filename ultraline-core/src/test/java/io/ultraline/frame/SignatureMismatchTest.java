package io.ultraline.frame;

import static io.ultraline.frame.TestImages.DECODER;
import static io.ultraline.frame.TestImages.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A file of one format declared as another encoding: every declared/actual pair is rejected as
 * {@code IMAGE_CORRUPT} with both formats named, before the declared size or any structure walk
 * can give a less telling reason.
 */
class SignatureMismatchTest {

    private static final int W = 8;
    private static final int H = 6;
    private static final BufferedImage IMAGE = TestImages.gradient(W, H);

    /** Actual format name (as the message says it) to a small file of that format. */
    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("PNG", TestImages.png(IMAGE));
        files.put("JPEG", TestImages.jpeg(IMAGE, 0.9f));
        files.put("GIF", write("gif"));
        files.put("TIFF", write("tiff"));
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        files.put("WebP", Arrays.copyOf(webp, 64));
        return files;
    }

    private static byte[] write(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(IMAGE, format, out))
                    .as("JDK writer for " + format)
                    .isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void everyOtherFormatDeclaredAsPngOrJpegIsCorruptAndNamed() {
        for (FrameEncoding declared : new FrameEncoding[] {FrameEncoding.PNG, FrameEncoding.JPEG}) {
            files().forEach((actual, bytes) -> {
                if (actual.equals(declared.name())) {
                    assertThat(DECODER.decode(declared, W, H, bytes).width()).isEqualTo(W);
                    return;
                }
                FrameRejectedException e = rejection(declared, W, H, bytes);
                assertThat(e.reason()).as(actual + " declared " + declared).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
                assertThat(e.getMessage()).contains("declared " + declared, "a " + actual + " signature");
            });
        }
    }

    @Test
    void theSignatureIsCheckedBeforeTheDeclaredSize() {
        // the producer declared a size over the limits: the wrong format is still the more telling reason
        for (FrameEncoding declared : new FrameEncoding[] {FrameEncoding.PNG, FrameEncoding.JPEG}) {
            byte[] other = declared == FrameEncoding.PNG ? TestImages.jpeg(IMAGE, 0.9f) : TestImages.png(IMAGE);
            FrameRejectedException e = rejection(declared, 20_000, 20_000, other);
            assertThat(e.reason()).as(declared.name()).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
            assertThat(e.getMessage()).contains("declared " + declared);
        }
    }

    @Test
    void aFileDeclaredAsRawPixelsIsCorruptAndNamed() {
        for (FrameEncoding declared : new FrameEncoding[] {FrameEncoding.GRAY8, FrameEncoding.RGB8}) {
            files().forEach((actual, bytes) -> {
                FrameRejectedException e = rejection(declared, W, H, bytes);
                assertThat(e.reason()).as(actual + " declared " + declared).isEqualTo(DecodeFailure.IMAGE_CORRUPT);
                assertThat(e.getMessage())
                        .contains(
                                "declared " + declared,
                                "a " + actual + " signature",
                                "needs " + (declared == FrameEncoding.GRAY8 ? W * H : 3 * W * H) + " bytes");
            });
        }
    }

    @Test
    void rawPixelsOfTheDeclaredSizeAreNeverJudgedByTheirFirstBytes() {
        // any byte values are valid pixels: a camera whose first pixels happen to read FF D8 FF loses nothing
        byte[] pixels = new byte[3 * W * H];
        System.arraycopy(ImageSignature.PNG, 0, pixels, 0, ImageSignature.PNG.length);
        assertThat(DECODER.decode(FrameEncoding.RGB8, W, H, pixels).pixels()[0]).isEqualTo(0x89 / 255f);
        byte[] gray = new byte[W * H];
        System.arraycopy(ImageSignature.JPEG, 0, gray, 0, ImageSignature.JPEG.length);
        assertThat(DECODER.decode(FrameEncoding.GRAY8, W, H, gray).width()).isEqualTo(W);
    }
}
