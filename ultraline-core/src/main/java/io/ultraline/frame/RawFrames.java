package io.ultraline.frame;

/**
 * Raw GRAY8 and RGB8 frames: row-major, no padding, so the byte count is fixed by the declared
 * size and any other count is a rejection. A count that fits the other raw encoding says so, since
 * that is the usual cause; so does an image file sent as raw pixels.
 */
final class RawFrames {

    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private RawFrames() {}

    static RgbImage decode(FrameEncoding encoding, int width, int height, byte[] bytes) {
        int channels = encoding == FrameEncoding.GRAY8 ? 1 : 3;
        long pixels = (long) width * height;
        long needed = pixels * channels;
        if (bytes.length != needed) {
            String format = ImageSignature.knownFormat(bytes);
            if (format != null) {
                throw new FrameRejectedException(
                        DecodeFailure.IMAGE_CORRUPT,
                        "declared " + encoding
                                + " but the bytes start with a " + format + " signature (a " + width + "x" + height
                                + " "
                                + encoding + " frame needs " + needed + " bytes, got " + bytes.length + ")");
            }
            String what = encoding + " frame of " + width + "x" + height + " needs " + needed + " bytes, got "
                    + bytes.length + hint(encoding, pixels, bytes.length);
            throw new FrameRejectedException(
                    bytes.length < needed ? DecodeFailure.IMAGE_TRUNCATED : DecodeFailure.DIMENSION_MISMATCH,
                    bytes.length < needed ? what : what + " (too many)");
        }
        float[] out = new float[(int) pixels * 3];
        if (channels == 3) {
            for (int i = 0; i < bytes.length; i++) {
                out[i] = UNIT[bytes[i] & 0xff];
            }
        } else {
            for (int p = 0; p < bytes.length; p++) {
                float v = UNIT[bytes[p] & 0xff];
                out[3 * p] = v;
                out[3 * p + 1] = v;
                out[3 * p + 2] = v;
            }
        }
        return new RgbImage(width, height, out);
    }

    private static String hint(FrameEncoding encoding, long pixels, int length) {
        if (encoding == FrameEncoding.GRAY8 && length == pixels * 3) {
            return ", the size of an RGB8 frame: is the encoding right?";
        }
        if (encoding == FrameEncoding.RGB8 && length == pixels) {
            return ", the size of a GRAY8 frame: is the encoding right?";
        }
        return "";
    }
}
