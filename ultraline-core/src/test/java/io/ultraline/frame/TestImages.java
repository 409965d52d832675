package io.ultraline.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Builds test images in memory for the decoder tests: images, their PNG and JPEG files, and hand-made PNG chunks. */
final class TestImages {

    static final FrameDecoder DECODER = new FrameDecoder(FrameLimits.defaults());

    private TestImages() {}

    /** A smooth RGB pattern: JPEG keeps it well, so decoded values can be compared closely. */
    static BufferedImage gradient(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / Math.max(1, width - 1);
                int g = 255 * y / Math.max(1, height - 1);
                int b = (r + g) / 2;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    /** Every pixel different and unpredictable, for exact lossless comparisons. */
    static BufferedImage noise(int width, int height, long seed) {
        java.util.Random random = new java.util.Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return img;
    }

    static byte[] png(RenderedImage img) {
        return write(img, "png", null);
    }

    static byte[] jpeg(RenderedImage img, float quality) {
        return write(img, "jpeg", quality);
    }

    static byte[] interlacedPng(RenderedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        return write(writer, new IIOImage(img, null, null), param);
    }

    /** A JPEG of a raw raster; with four bands the JDK writes an Adobe-less CMYK-style file. */
    static byte[] jpegOfRaster(Raster raster) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        return write(writer, new IIOImage(raster, null, null), null);
    }

    private static byte[] write(RenderedImage img, String format, Float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ImageWriteParam param = null;
        if (quality != null) {
            param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        }
        return write(writer, new IIOImage(img, null, null), param);
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The rejection {@code decoder} throws for the frame; fails the test if it decodes or throws another type. */
    static FrameRejectedException rejection(
            FrameDecoder decoder, FrameEncoding encoding, int width, int height, byte[] bytes) {
        Throwable thrown = catchThrowable(() -> decoder.decode(encoding, width, height, bytes));
        assertThat(thrown).isInstanceOf(FrameRejectedException.class);
        return (FrameRejectedException) thrown;
    }

    static FrameRejectedException rejection(FrameEncoding encoding, int width, int height, byte[] bytes) {
        return rejection(DECODER, encoding, width, height, bytes);
    }

    // --- hand-made PNG pieces

    static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) bitDepth)
                        .put((byte) colourType)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0)
                        .array());
    }

    static byte[] deflate(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater(9))) {
            z.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Offset of the first chunk of {@code type} in a well-formed PNG, or -1. */
    static int chunkOffset(byte[] png, String type) {
        int pos = 8;
        while (pos + 8 <= png.length) {
            int length = ByteBuffer.wrap(png, pos, 4).getInt();
            if (new String(png, pos + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                return pos;
            }
            pos += 12 + length;
        }
        return -1;
    }

    /**
     * Recomputes every chunk CRC that the walk can reach, so a mutation gets past the checksum
     * and reaches the decoder. Stops where lengths stop making sense.
     */
    static byte[] withFixedCrcs(byte[] png) {
        byte[] out = png.clone();
        int pos = 8;
        while (pos + 12 <= out.length) {
            long length = ByteBuffer.wrap(out, pos, 4).getInt() & 0xffffffffL;
            if (pos + 12 + length > out.length) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(out, pos + 4, 4 + (int) length);
            ByteBuffer.wrap(out, pos + 8 + (int) length, 4).putInt((int) crc.getValue());
            pos += 12 + (int) length;
        }
        return out;
    }

    // --- JPEG navigation

    /** Offset of the first {@code 0xFF marker} in the header part of a JPEG (before the first scan's data). */
    static int markerOffset(byte[] jpeg, int marker) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF) {
            int m = jpeg[pos + 1] & 0xff;
            if (m == marker) {
                return pos;
            }
            if (m == 0xDA) {
                return -1;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
        }
        return -1;
    }

    /** Offset of the first entropy-coded byte: just after the first SOS segment. */
    static int scanDataOffset(byte[] jpeg) {
        int sos = markerOffset(jpeg, 0xDA);
        return sos + 2 + (((jpeg[sos + 2] & 0xff) << 8) | (jpeg[sos + 3] & 0xff));
    }

    static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    // --- measuring

    /** Bytes the current thread allocates while {@code action} runs (HotSpot's per-thread counter). */
    static long allocatedBytes(Runnable action) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        // JUnit's assumption, not AssertJ's: AssertJ generates a class on first use, too slow under a timeout
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs HotSpot's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(
                threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        long before = threads.getCurrentThreadAllocatedBytes();
        action.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }
}
