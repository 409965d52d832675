package io.ultraline.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ultraline.avro.ImageEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageStreamSplitterTest {

    private static final int MAX = 1 << 20;

    @Test
    void concatenatedJpegAndPngComeOutWholeAndInOrder() throws IOException {
        byte[] a = GatewayImages.jpeg(1);
        byte[] b = GatewayImages.png(2);
        byte[] c = GatewayImages.jpeg(3);
        List<SplitImage> images = splitAll(GatewayImages.concat(a, b, c));

        assertThat(images)
                .extracting(SplitImage::encoding)
                .containsExactly(ImageEncoding.JPEG, ImageEncoding.PNG, ImageEncoding.JPEG);
        assertThat(images.get(0).bytes()).isEqualTo(a);
        assertThat(images.get(1).bytes()).isEqualTo(b);
        assertThat(images.get(2).bytes()).isEqualTo(c);
        for (SplitImage image : images) {
            assertThat(ImageIO.read(new ByteArrayInputStream(image.bytes()))).isNotNull();
        }
    }

    @Test
    void garbageBetweenFramesIsSkippedAndCounted() throws IOException {
        byte[] noise = "--boundary\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] lookalikes = {(byte) 0xFF, 0x00, (byte) 0xFF, (byte) 0xD8, 0x00, (byte) 0x89, 'P', 'N', 'X'};
        byte[] a = GatewayImages.jpeg(4);
        byte[] b = GatewayImages.png(5);
        ImageStreamSplitter splitter = splitter(GatewayImages.concat(noise, a, lookalikes, b, noise));

        SplitImage first = splitter.next();
        SplitImage second = splitter.next();
        assertThat(splitter.next()).isNull();
        assertThat(first.bytes()).isEqualTo(a);
        assertThat(first.skippedBefore()).isEqualTo(noise.length);
        assertThat(second.bytes()).isEqualTo(b);
        assertThat(second.skippedBefore()).isEqualTo(lookalikes.length);
        assertThat(splitter.skippedBytes()).isEqualTo(2L * noise.length + lookalikes.length);
    }

    @Test
    void aTruncatedFinalImageIsReportedNotReturned() throws IOException {
        byte[] a = GatewayImages.jpeg(6);
        byte[] b = GatewayImages.jpeg(7);
        for (byte[] last : List.of(b, GatewayImages.png(8))) {
            ImageStreamSplitter splitter = splitter(GatewayImages.concat(a, Arrays.copyOf(last, last.length - 3)));
            assertThat(splitter.next().bytes()).isEqualTo(a);
            assertThatThrownBy(splitter::next)
                    .isInstanceOf(TruncatedImageException.class)
                    .hasMessageContaining("started at stream offset " + a.length)
                    .hasMessageContaining("incomplete and was not sent");
        }
    }

    @Test
    void aThumbnailInsideAnApp1SegmentDoesNotEndTheImage() throws IOException {
        byte[] thumbnail = GatewayImages.jpeg(9);
        byte[] main = GatewayImages.jpeg(10);
        byte[] app1 = GatewayImages.concat(
                new byte[] {
                    (byte) 0xFF, (byte) 0xE1, (byte) ((thumbnail.length + 2) >> 8), (byte) (thumbnail.length + 2)
                },
                thumbnail);
        byte[] withThumbnail =
                GatewayImages.concat(Arrays.copyOf(main, 2), app1, Arrays.copyOfRange(main, 2, main.length));

        List<SplitImage> images = splitAll(GatewayImages.concat(withThumbnail, GatewayImages.png(11)));

        assertThat(images).hasSize(2);
        assertThat(images.get(0).bytes()).isEqualTo(withThumbnail);
    }

    @Test
    void aDamagedImageIsDroppedAndTheNextOneFound() throws IOException {
        byte[] damaged = GatewayImages.png(12);
        damaged[12] = '#'; // the IHDR chunk type: no longer a chunk
        byte[] whole = GatewayImages.jpeg(13);
        // cut inside the entropy-coded data, as a camera that drops a frame mid-transfer does
        byte[] cutOff = Arrays.copyOf(whole, whole.length - 20);
        byte[] good = GatewayImages.jpeg(14);
        ImageStreamSplitter splitter = splitter(GatewayImages.concat(damaged, cutOff, good));

        assertThat(splitter.next().bytes()).isEqualTo(good);
        assertThat(splitter.next()).isNull();
        assertThat(splitter.corruptImages()).isEqualTo(2);
        assertThat(splitter.lastCorruption()).contains("cut off by the next JPEG");
    }

    @Test
    void anImageOverTheLimitIsDropped() throws IOException {
        byte[] big = GatewayImages.encode(GatewayImages.picture(3, 400, 300), "png");
        byte[] small = GatewayImages.jpeg(15);
        ImageStreamSplitter splitter =
                new ImageStreamSplitter(new ByteArrayInputStream(GatewayImages.concat(big, small)), small.length + 10);

        assertThat(splitter.next().bytes()).isEqualTo(small);
        assertThat(splitter.lastCorruption()).contains("exceeds");
    }

    @Test
    void aStreamReadInSmallPiecesSplitsTheSameAndCountsTrailingBytes() throws IOException {
        byte[] a = GatewayImages.jpeg(16);
        byte[] b = GatewayImages.png(17);
        byte[] tail = {(byte) 0x89, 'P', 'N'}; // the start of a signature, then the end of the stream
        java.io.InputStream trickle =
                new java.io.FilterInputStream(new ByteArrayInputStream(GatewayImages.concat(a, b, tail))) {
                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        return super.read(buf, off, Math.min(len, 5));
                    }
                };
        ImageStreamSplitter splitter = new ImageStreamSplitter(trickle, MAX);

        assertThat(splitter.next().bytes()).isEqualTo(a);
        assertThat(splitter.next().bytes()).isEqualTo(b);
        assertThat(splitter.next()).isNull();
        assertThat(splitter.skippedBytes()).isEqualTo(tail.length);
    }

    @Test
    void anEmptyStreamHasNoImages() throws IOException {
        assertThat(splitter(new byte[0]).next()).isNull();
        assertThatThrownBy(() -> new ImageStreamSplitter(new ByteArrayInputStream(new byte[0]), 10))
                .hasMessageContaining("maxBytes");
    }

    private static ImageStreamSplitter splitter(byte[] data) {
        return new ImageStreamSplitter(new ByteArrayInputStream(data), MAX);
    }

    private static List<SplitImage> splitAll(byte[] data) throws IOException {
        ImageStreamSplitter splitter = splitter(data);
        List<SplitImage> out = new ArrayList<>();
        for (SplitImage s = splitter.next(); s != null; s = splitter.next()) {
            out.add(s);
        }
        return out;
    }
}
