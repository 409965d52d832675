package io.ultraline.app;

import static io.ultraline.app.LiveRecords.explanation;
import static io.ultraline.app.LiveRecords.frame;
import static io.ultraline.app.LiveRecords.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.frame.RgbImage;
import io.ultraline.stream.FrameDecoding;
import io.ultraline.stream.FrameRecordLimits;
import io.ultraline.ultra.render.GridOverlay;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {

    private static final FrameDecoding STANDARD = FrameDecoding.standard(FrameRecordLimits.defaults());

    private final RecentFrames recent = new RecentFrames();
    private final OverlayRenderer renderer = new OverlayRenderer(STANDARD, recent);

    private RecentFrames.Entry held(CameraFrame frame) {
        recent.frameAccepted(frame);
        return recent.frame(frame.getCameraId(), frame.getFrameId()).orElseThrow();
    }

    private static BufferedImage read(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(img).as("a PNG").isNotNull();
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] filled(int length, int... pattern) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) pattern[i % pattern.length];
        }
        return out;
    }

    /** A PNG signature and a valid IHDR chunk claiming {@code side} x {@code side} RGB pixels. */
    private static byte[] pngHeader(int side) {
        ByteBuffer ihdr = ByteBuffer.allocate(8 + 12 + 13);
        ihdr.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ihdr.putInt(13)
                .put(new byte[] {'I', 'H', 'D', 'R'})
                .putInt(side)
                .putInt(side)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array(), 12, 17);
        ihdr.putInt((int) crc.getValue());
        return ihdr.array();
    }

    private static long allocatedBytes(Runnable action) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void rawRgb8FramesGetAnOverlay() {
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.RGB8, 64, 48, filled(64 * 48 * 3, 200, 30, 10)));
        BufferedImage png = read(renderer.png(e));
        assertThat(png.getWidth()).isEqualTo(64 * 8);
        assertThat(png.getRGB(100, 100) & 0xffffff).isEqualTo(0xc81e0a);
    }

    @Test
    void rawGray8FramesGetAnOverlay() {
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.GRAY8, 32, 32, filled(32 * 32, 128)));
        BufferedImage png = read(renderer.png(e));
        assertThat(png.getWidth()).isEqualTo(32 * 12);
        assertThat(png.getRGB(50, 50) & 0xffffff).isEqualTo(0x808080);
    }

    @Test
    void rawBytesWithAPngHeaderClaiming46000SquaredAreNeverReadAsAPng() {
        // ImageIO.read guesses the format from the bytes: this header would make it allocate 46000^2 pixels
        byte[] header = pngHeader(46_000);
        byte[] pixels = filled(64 * 48 * 3, 90);
        System.arraycopy(header, 0, pixels, 0, header.length);
        RecentFrames.Entry exact = held(frame("c", "exact", ImageEncoding.RGB8, 64, 48, pixels));
        long[] size = new long[2];
        long allocated = allocatedBytes(() -> {
            BufferedImage png = read(renderer.png(exact));
            size[0] = png.getWidth();
            size[1] = png.getHeight();
        });
        assertThat(size[0]).as("the declared 64x48, as raw pixels").isEqualTo(64 * 8);
        assertThat(allocated).isLessThan(64L << 20);

        // the same header where the byte count is wrong: a typed rejection shown in the PNG, not a 500
        RecentFrames.Entry wrong = held(frame("c", "wrong", ImageEncoding.RGB8, 64, 48, Arrays.copyOf(header, 5000)));
        BufferedImage png = read(renderer.png(wrong));
        assertThat(png.getWidth()).isEqualTo(OverlayRenderer.MIN_SIDE);
        assertThat(png.getRGB(10, 10) & 0xffffff).as("the grey placeholder").isEqualTo(0x606060);
    }

    @Test
    void aLongThinFrameStaysWithinTheCanvasBudget() {
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.GRAY8, 16384, 2, filled(16384 * 2, 77)));
        long allocated = allocatedBytes(() -> {
            BufferedImage png = read(renderer.png(e));
            assertThat(png.getWidth()).isEqualTo(GridOverlay.MAX_CANVAS_SIDE);
            assertThat((long) png.getWidth() * png.getHeight()).isLessThan(GridOverlay.MAX_CANVAS_PIXELS);
        });
        assertThat(allocated).isLessThan(64L << 20);
    }

    @Test
    void aLabelCountThatDoesNotMatchTheGridLeavesTheLayerOutNotTheOverlay() {
        byte[] black = new byte[28 * 28 * 3];
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.RGB8, 28, 28, black));
        recent.verdict(verdict("c", "f", 0.2f));
        recent.explanation(explanation("c", "f", 14, 14, Collections.nCopies(195, 0)));
        BufferedImage png = read(renderer.png(e));
        assertThat(png.getRGB(5, 5) & 0xffffff).as("no tint").isEqualTo(0);

        recent.explanation(explanation("c", "f", 14, 14, Collections.nCopies(196, 0)));
        assertThat(read(renderer.png(e)).getRGB(5, 5) & 0xffffff)
                .as("tinted when the labels fit")
                .isNotEqualTo(0);
    }

    @Test
    void conceptsFollowTheFramesPixelsInsideAToken() {
        // 28 x 28, a 2 x 2 grid of 14-pixel tokens: dark red left of x 10, blue from there on, so the
        // left token column holds blue pixels 10..13 that belong with the right concept
        byte[] rgb = new byte[28 * 28 * 3];
        for (int p = 0; p < 28 * 28; p++) {
            boolean left = p % 28 < 10;
            rgb[3 * p] = (byte) (left ? 140 : 20);
            rgb[3 * p + 1] = (byte) (left ? 20 : 40);
            rgb[3 * p + 2] = (byte) (left ? 20 : 200);
        }
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.RGB8, 28, 28, rgb));
        recent.verdict(verdict("c", "f", 0.2f));
        recent.explanation(explanation("c", "f", 2, 2, List.of(0, 1, 0, 1)));
        BufferedImage png = read(renderer.png(e));
        int scale = png.getWidth() / 28;
        int y = 20 * scale + scale / 2;

        int blueInLeftToken = png.getRGB(12 * scale + scale / 2, y) & 0xffffff;
        int blueInRightToken = png.getRGB(22 * scale + scale / 2, y) & 0xffffff;

        assertThat(blueInLeftToken).as("tinted as the right concept").isEqualTo(blueInRightToken);
    }

    @Test
    void conceptsAreColouredByTheCamerasIdsWhereTheRecordHasThem() {
        byte[] halves = new byte[28 * 28 * 3]; // dark red above, blue below: the two token rows
        for (int p = 0; p < 28 * 28; p++) {
            boolean above = p / 28 < 14;
            halves[3 * p] = (byte) (above ? 140 : 20);
            halves[3 * p + 2] = (byte) (above ? 20 : 200);
        }
        // two frames of one camera whose segmenter numbered the same material differently
        RecentFrames.Entry first = held(frame("c", "f1", ImageEncoding.RGB8, 28, 28, halves));
        var one = explanation("c", "f1", 2, 2, List.of(0, 0, 1, 1));
        one.setConceptIds(List.of(3, -1));
        recent.explanation(one);
        RecentFrames.Entry second = held(frame("c", "f2", ImageEncoding.RGB8, 28, 28, halves));
        var two = explanation("c", "f2", 2, 2, List.of(1, 1, 0, 0));
        two.setConceptIds(List.of(-1, 3));
        recent.explanation(two);
        BufferedImage a = read(renderer.png(first));
        BufferedImage b = read(renderer.png(second));
        int scale = a.getWidth() / 28;
        int top = 5 * scale;
        int bottom = 22 * scale;

        assertThat(a.getRGB(top, top)).as("camera concept 3 on both").isEqualTo(b.getRGB(top, top));
        one.setConceptIds(List.of(3, 3));
        recent.explanation(one);
        assertThat(a.getRGB(bottom, bottom))
                .as("a concept new to the camera is not coloured as the known one")
                .isNotEqualTo(read(renderer.png(first)).getRGB(bottom, bottom));

        two.setConceptIds(null);
        recent.explanation(two);
        assertThat(read(renderer.png(second)).getRGB(top, top))
                .as("without ids, the frame's own labels")
                .isNotEqualTo(a.getRGB(top, top));
    }

    @Test
    void aFrameAboveTheRefinementBudgetIsSampledDown() {
        var labels = PixelConceptLayer.of(new io.ultraline.frame.RgbImage(1024, 512, new float[1024 * 512 * 3]))
                .refine(new int[4], 2, 2);

        assertThat((long) labels.width() * labels.height()).isLessThanOrEqualTo(PixelConceptLayer.MAX_PIXELS);
        assertThat(labels.width()).isEqualTo(2 * labels.height());
    }

    @Test
    void eachStateOfAFrameIsRenderedOnce() {
        AtomicInteger decodes = new AtomicInteger();
        FrameDecoding counting = frame -> {
            decodes.incrementAndGet();
            return STANDARD.decode(frame);
        };
        OverlayRenderer cached = new OverlayRenderer(counting, recent);
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.GRAY8, 8, 8, new byte[64]));
        byte[] first = cached.png(e);
        for (int i = 0; i < 10; i++) {
            assertThat(cached.png(e)).isSameAs(first);
        }
        assertThat(decodes).hasValue(1);
        recent.verdict(verdict("c", "f", 0.2f));
        cached.png(e);
        cached.png(e);
        assertThat(decodes).hasValue(2);
    }

    @Test
    void theDecodedFrameIsTheStreamsOwn() throws Exception {
        // same decoder, same limits: a frame the stream accepted decodes here to the same pixels
        byte[] pixels = filled(6 * 4 * 3, 1, 2, 3, 250);
        CameraFrame f = frame("c", "f", ImageEncoding.RGB8, 6, 4, pixels);
        RgbImage direct = STANDARD.decode(f);
        assertThat(STANDARD.decode(held(f).frame()).pixels()).containsExactly(direct.pixels());
        assertThat(List.of(direct.width(), direct.height())).containsExactly(6, 4);
    }

    @Test
    void theOverlayHasNoCaptionStripTheDashboardCaptionsItInHtml() {
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.GRAY8, 8, 8, new byte[64]));
        recent.verdict(verdict("c", "f", 0.2f));
        BufferedImage png = read(renderer.png(e));
        assertThat(png.getHeight())
                .as("only the picture, square like the frame")
                .isEqualTo(png.getWidth());
    }

    @Test
    void whatCouldNotBeDrawnIsStillNamedInThePng() {
        RecentFrames.Entry e = held(frame("c", "f", ImageEncoding.RGB8, 28, 28, new byte[28 * 28 * 3]));
        recent.explanation(explanation("c", "f", 14, 14, Collections.nCopies(195, 0)));
        BufferedImage png = read(renderer.png(e));
        assertThat(png.getHeight()).as("a strip below the picture").isGreaterThan(png.getWidth());
    }
}
