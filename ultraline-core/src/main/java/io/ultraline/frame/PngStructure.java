package io.ultraline.frame;

import java.util.zip.CRC32;

/**
 * Walks the chunks of a PNG file before any decoder sees it, without inflating anything. It is
 * what tells a truncated file from a corrupt one, and what catches damage the JDK's reader lets
 * through: that reader verifies no chunk CRC, and stops after the image data, so a file with
 * flipped bits in a compressed row or without its IEND chunk would decode without complaint.
 *
 * <p>Rules: the signature is followed by a 13-byte IHDR; every chunk type is four ASCII letters,
 * every length at most 2^31-1, every CRC right; an IDAT comes before IEND; the walk stops at
 * IEND and ignores bytes after it, as libpng does. Data that ends inside a chunk or before IEND is
 * truncated, unless the data ends with an intact IEND chunk: then the file was complete and a
 * damaged length field sent the walk astray, so it is corrupt.
 */
final class PngStructure {

    private static final byte[] IEND_CHUNK = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};

    private PngStructure() {}

    static void check(byte[] b) {
        ImageSignature.require(FrameEncoding.PNG, ImageSignature.PNG, b);
        CRC32 crc = new CRC32();
        int pos = ImageSignature.PNG.length;
        boolean sawImageData = false;
        String previous = "the signature";
        while (true) {
            if (b.length - pos < 8) {
                throw endsEarly(
                        b,
                        "the data ends " + (b.length - pos) + " bytes after " + previous + ", before the IEND chunk");
            }
            long length = Bytes.u32(b, pos);
            String type = chunkType(b, pos + 4);
            if (type == null) {
                throw corrupt("no chunk type at offset " + (pos + 4) + " after " + previous);
            }
            if (pos == ImageSignature.PNG.length && (!type.equals("IHDR") || length != 13)) {
                throw corrupt("the first chunk must be a 13-byte IHDR, found " + type + " of " + length + " bytes");
            }
            if (length > Integer.MAX_VALUE) {
                throw corrupt("chunk " + type + " at offset " + pos + " declares " + length + " bytes, over 2^31-1");
            }
            long next = pos + 12L + length;
            if (next > b.length) {
                throw endsEarly(
                        b,
                        "chunk " + type + " at offset " + pos + " needs " + (12 + length) + " bytes but only "
                                + (b.length - pos) + " remain");
            }
            crc.reset();
            crc.update(b, pos + 4, 4 + (int) length);
            if (crc.getValue() != Bytes.u32(b, pos + 8 + (int) length)) {
                throw corrupt("CRC mismatch in chunk " + type + " at offset " + pos);
            }
            if (type.equals("IDAT")) {
                sawImageData = true;
            } else if (type.equals("IEND")) {
                if (!sawImageData) {
                    throw corrupt("IEND at offset " + pos + " before any IDAT chunk");
                }
                return;
            }
            previous = "chunk " + type + " at offset " + pos;
            pos = (int) next;
        }
    }

    private static String chunkType(byte[] b, int at) {
        char[] type = new char[4];
        for (int i = 0; i < 4; i++) {
            int c = b[at + i] & 0xff;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return null;
            }
            type[i] = (char) c;
        }
        return new String(type);
    }

    private static FrameRejectedException endsEarly(byte[] b, String detail) {
        if (Bytes.endsWith(b, IEND_CHUNK)) {
            return corrupt("PNG structure is inconsistent although the file ends with IEND: " + detail);
        }
        return new FrameRejectedException(DecodeFailure.IMAGE_TRUNCATED, "PNG is truncated: " + detail);
    }

    private static FrameRejectedException corrupt(String detail) {
        return new FrameRejectedException(DecodeFailure.IMAGE_CORRUPT, "PNG is corrupt: " + detail);
    }
}
