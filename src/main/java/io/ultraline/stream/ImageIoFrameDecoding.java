package io.ultraline.stream;

import io.ultraline.avro.CameraFrame;
import io.ultraline.avro.ImageEncoding;
import io.ultraline.avro.RejectReason;
import io.ultraline.frame.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The interim {@link FrameDecoding}: raw GRAY8/RGB8 by hand, PNG and JPEG with the JDK's ImageIO
 * readers, chosen by the declared encoding (never by probing the bytes). Order of checks: encoding
 * allowed, declared size and payload within the limits, then for files the signature, the size in
 * the file header (a header announcing more than the pixel limit is a decompression bomb and is
 * refused before any pixel is read), the end marker (PNG IEND, JPEG EOI: ImageIO fills a truncated
 * JPEG with grey rather than failing), and finally the decode itself.
 */
final class ImageIoFrameDecoding implements FrameDecoding {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PNG_IEND = {'I', 'E', 'N', 'D'};
    private static final byte[] JPEG_SOI = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] JPEG_EOI = {(byte) 0xff, (byte) 0xd9};
    /** How far from the end an end marker may sit (some encoders pad after it). */
    private static final int END_MARKER_WINDOW = 64;

    private final FrameLimits limits;

    ImageIoFrameDecoding(FrameLimits limits) {
        this.limits = limits;
    }

    @Override
    public RgbImage decode(CameraFrame frame) throws FrameRejection {
        ImageEncoding encoding = frame.getEncoding();
        if (encoding == ImageEncoding.UNKNOWN || !limits.allowedEncodings().contains(encoding)) {
            throw new FrameRejection(RejectReason.UNSUPPORTED_ENCODING, "encoding " + encoding
                    + " is not accepted here; allowed: " + limits.allowedEncodings());
        }
        int width = frame.getWidth();
        int height = frame.getHeight();
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new FrameRejection(RejectReason.IMAGE_TOO_LARGE, "declared " + width + " x " + height + " = "
                    + pixels + " pixels, the limit is " + limits.maxPixels());
        }
        ByteBuffer image = frame.getImage();
        if (image.remaining() > limits.maxBytes()) {
            throw new FrameRejection(RejectReason.IMAGE_TOO_LARGE, "image payload of " + image.remaining()
                    + " bytes, the limit is " + limits.maxBytes());
        }
        byte[] bytes = new byte[image.remaining()];
        image.duplicate().get(bytes);
        return switch (encoding) {
            case GRAY8 -> raw(bytes, width, height, 1);
            case RGB8 -> raw(bytes, width, height, 3);
            case PNG -> file(bytes, width, height, "png", PNG_SIGNATURE, PNG_IEND);
            case JPEG -> file(bytes, width, height, "jpeg", JPEG_SOI, JPEG_EOI);
            case UNKNOWN -> throw new IllegalStateException("checked above");
        };
    }

    private static RgbImage raw(byte[] bytes, int width, int height, int channels) throws FrameRejection {
        long expected = (long) width * height * channels;
        if (bytes.length < expected) {
            throw new FrameRejection(RejectReason.IMAGE_TRUNCATED, "raw " + (channels == 1 ? "GRAY8" : "RGB8")
                    + " image of " + width + " x " + height + " needs " + expected + " bytes, got " + bytes.length);
        }
        if (bytes.length > expected) {
            throw new FrameRejection(RejectReason.DIMENSION_MISMATCH, "raw " + (channels == 1 ? "GRAY8" : "RGB8")
                    + " image of " + width + " x " + height + " needs " + expected + " bytes, got " + bytes.length
                    + ": the declared size does not match the data");
        }
        float[] px = new float[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            for (int c = 0; c < 3; c++) {
                px[3 * i + c] = (bytes[i * channels + (channels == 1 ? 0 : c)] & 0xff) / 255f;
            }
        }
        return new RgbImage(width, height, px);
    }

    private RgbImage file(byte[] bytes, int width, int height, String format, byte[] signature, byte[] endMarker)
            throws FrameRejection {
        if (!startsWith(bytes, signature)) {
            throw new FrameRejection(RejectReason.IMAGE_CORRUPT, "declared " + format.toUpperCase()
                    + " but the bytes do not start with its signature");
        }
        ImageReader reader = reader(format);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int fileWidth;
            int fileHeight;
            try {
                fileWidth = reader.getWidth(0);
                fileHeight = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw unreadable(bytes, endMarker, format, "header", e);
            }
            long filePixels = (long) fileWidth * fileHeight;
            if (filePixels > limits.maxPixels()) {
                throw new FrameRejection(RejectReason.DECOMPRESSION_BOMB, format.toUpperCase() + " header announces "
                        + fileWidth + " x " + fileHeight + " = " + filePixels + " pixels in " + bytes.length
                        + " bytes, the limit is " + limits.maxPixels() + "; not decoded");
            }
            if (fileWidth != width || fileHeight != height) {
                throw new FrameRejection(RejectReason.DIMENSION_MISMATCH, "declared " + width + " x " + height
                        + " but the " + format.toUpperCase() + " is " + fileWidth + " x " + fileHeight);
            }
            if (!endsNear(bytes, endMarker)) {
                throw new FrameRejection(RejectReason.IMAGE_TRUNCATED, format.toUpperCase()
                        + " ends without its end marker: the file is cut short (" + bytes.length + " bytes)");
            }
            BufferedImage decoded;
            try {
                decoded = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw unreadable(bytes, endMarker, format, "pixel data", e);
            }
            return RgbImage.of(decoded);
        } catch (IOException e) {
            throw new FrameRejection(RejectReason.IMAGE_CORRUPT, "cannot read " + format.toUpperCase() + ": " + e, e);
        } finally {
            reader.dispose();
        }
    }

    private static FrameRejection unreadable(byte[] bytes, byte[] endMarker, String format, String part, Exception e) {
        RejectReason reason = endsNear(bytes, endMarker) ? RejectReason.IMAGE_CORRUPT : RejectReason.IMAGE_TRUNCATED;
        return new FrameRejection(reason, "cannot read the " + format.toUpperCase() + " " + part + " ("
                + bytes.length + " bytes): " + e.getMessage(), e);
    }

    private static ImageReader reader(String format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
        }
        return readers.next();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean endsNear(byte[] bytes, byte[] marker) {
        int from = Math.max(0, bytes.length - END_MARKER_WINDOW);
        outer:
        for (int i = bytes.length - marker.length; i >= from; i--) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
