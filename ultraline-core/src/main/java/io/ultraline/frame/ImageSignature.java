package io.ultraline.frame;

import java.nio.charset.StandardCharsets;

/**
 * The leading bytes that identify a PNG or JPEG file, and a description of what a frame starts
 * with when it is not the declared format, so the dead letter says "a PNG declared as JPEG"
 * rather than only "corrupt" (or "too large", when the producer also declared a wrong size).
 * Raw pixels have no signature: any first bytes are valid pixels, so {@link RawFrames} names a
 * known signature only when the byte count already shows the frame is not what it claims.
 */
final class ImageSignature {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageSignature() {}

    /** The signature a file of {@code encoding} starts with; null for raw pixels, which have none. */
    static byte[] of(FrameEncoding encoding) {
        return switch (encoding) {
            case PNG -> PNG;
            case JPEG -> JPEG;
            case GRAY8, RGB8, UNKNOWN -> null;
        };
    }

    /**
     * Checks that {@code bytes} start with {@code signature}: a proper prefix of it (including no
     * bytes at all) is a truncated file, anything else a file of another kind.
     */
    static void require(FrameEncoding declared, byte[] signature, byte[] bytes) {
        if (startsWith(bytes, signature)) {
            return;
        }
        if (bytes.length < signature.length && startsWith(signature, bytes)) {
            throw new FrameRejectedException(
                    DecodeFailure.IMAGE_TRUNCATED,
                    "declared " + declared + " but only " + bytes.length + " bytes arrived, fewer than its "
                            + signature.length + "-byte signature");
        }
        throw new FrameRejectedException(
                DecodeFailure.IMAGE_CORRUPT, "declared " + declared + " but the bytes start with " + describe(bytes));
    }

    /** Names the format {@code bytes} look like, or shows their first bytes in hex. */
    static String describe(byte[] bytes) {
        String format = knownFormat(bytes);
        if (format != null) {
            return "a " + format + " signature";
        }
        StringBuilder hex = new StringBuilder("bytes");
        for (int i = 0; i < Math.min(8, bytes.length); i++) {
            hex.append(String.format(" %02x", bytes[i] & 0xff));
        }
        return bytes.length == 0 ? "no bytes at all" : hex.toString();
    }

    /** The image file format whose signature {@code bytes} start with, or null for none this class knows. */
    static String knownFormat(byte[] bytes) {
        if (startsWith(bytes, PNG)) {
            return "PNG";
        }
        if (startsWith(bytes, JPEG)) {
            return "JPEG";
        }
        if (startsWith(bytes, ascii("GIF8"))) {
            return "GIF";
        }
        if (startsWith(bytes, ascii("RIFF")) && bytes.length >= 12 && startsWith(slice(bytes, 8, 4), ascii("WEBP"))) {
            return "WebP";
        }
        if (startsWith(bytes, ascii("II*\0")) || startsWith(bytes, ascii("MM\0*"))) {
            return "TIFF";
        }
        return null;
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
