package io.ultraline.frame;

/**
 * Walks the markers of a JPEG file before any decoder sees it: every segment's length, the frame
 * header, and each scan's entropy-coded data up to the next marker, until the EOI marker. Nothing
 * is decoded. It tells a truncated file from a corrupt one (the JDK's reader returns a partly grey
 * image with only a warning for both), and it turns away, with a precise reason, what the
 * decoder would reject with a vague one or decode into the wrong colours.
 *
 * <p>Rules: one frame header (SOF0, SOF1 or SOF2; 8-bit samples; 1, 3 or 4 components) before the
 * first scan; 4 components only with an Adobe APP14 segment, which tells CMYK from YCCK; at most {@link #MAX_SCANS} scans, since each scan of a progressive file costs a pass
 * over the whole image; markers are ones a JPEG file may contain; segment lengths fit their type
 * where the standard fixes them (an impossible length is damage even when the data is also cut).
 * Data that ends before EOI is truncated, unless its last two bytes are an EOI marker: then the
 * file was complete and a damaged length or marker sent the walk astray, so it is corrupt. Bytes
 * after EOI are ignored.
 */
final class JpegStructure {

    /** Progressive files from ordinary encoders use about ten scans; a thousand is an attack. */
    static final int MAX_SCANS = 256;

    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int TEM = 0x01;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int DHP = 0xDE;
    private static final int EXP = 0xDF;
    private static final int APP14 = 0xEE;
    private static final byte[] ADOBE = {'A', 'd', 'o', 'b', 'e'};
    private static final byte[] EOI_BYTES = {(byte) 0xFF, (byte) EOI};

    private JpegStructure() {}

    /**
     * Walks the whole file.
     *
     * @return the number of colour components of the frame header: 1 (gray), 3 (YCbCr or RGB) or
     *         4 (CMYK or YCCK)
     * @throws FrameRejectedException for every file that breaks a rule above
     */
    static int check(byte[] b) {
        ImageSignature.require(FrameEncoding.JPEG, ImageSignature.JPEG, b);
        int pos = 2;
        int components = 0;
        boolean adobe = false;
        boolean sawFrame = false;
        int scans = 0;
        while (true) {
            if (pos >= b.length) {
                throw endsEarly(b, "the data ends at offset " + pos + " where a marker should follow");
            }
            if (Bytes.u8(b, pos) != 0xFF) {
                throw corrupt(
                        String.format("expected a marker at offset %d, found byte 0x%02x", pos, Bytes.u8(b, pos)));
            }
            while (pos < b.length && Bytes.u8(b, pos) == 0xFF) {
                pos++; // fill bytes may precede any marker
            }
            if (pos >= b.length) {
                throw endsEarly(b, "the data ends inside a marker");
            }
            int marker = Bytes.u8(b, pos);
            int at = pos - 1;
            pos++;
            if (marker == EOI) {
                if (scans == 0) {
                    throw corrupt("EOI marker at offset " + at + " before any image data");
                }
                if (components == 4 && !adobe) {
                    throw unsupported("4-component JPEG without an Adobe APP14 segment: whether it holds CMYK or "
                            + "YCCK, and whether inverted, is a guess; send it with the segment its encoder writes");
                }
                return components;
            }
            if (marker == TEM) {
                continue;
            }
            if (!isSegment(marker)) {
                throw corrupt(String.format("marker 0xFF%02X at offset %d is not valid here", marker, at));
            }
            if (b.length - pos < 2) {
                throw endsEarly(
                        b,
                        String.format("the data ends inside the length of marker 0xFF%02X at offset %d", marker, at));
            }
            int length = Bytes.u16(b, pos);
            String impossible =
                    length < 2 ? "is shorter than its own length field" : impossibleLength(b, pos, marker, length);
            if (impossible != null) {
                throw corrupt(
                        String.format("segment 0xFF%02X at offset %d of %d bytes %s", marker, at, length, impossible));
            }
            if ((long) pos + length > b.length) {
                throw endsEarly(
                        b,
                        String.format(
                                "segment 0xFF%02X at offset %d needs %d bytes but only %d remain",
                                marker, at, length, b.length - pos));
            }
            adobe |= marker == APP14 && isAdobe(b, pos + 2, length - 2);
            if (isFrameHeader(marker)) {
                if (sawFrame) {
                    throw corrupt("a second frame header at offset " + at);
                }
                components = checkFrameHeader(b, pos, marker);
                sawFrame = true;
            }
            pos += length;
            if (marker == SOS) {
                if (!sawFrame) {
                    throw corrupt("scan at offset " + at + " before the frame header");
                }
                if (++scans > MAX_SCANS) {
                    throw new FrameRejectedException(
                            DecodeFailure.DECOMPRESSION_BOMB,
                            "JPEG has more than " + MAX_SCANS
                                    + " scans; decoding it would take a pass over the image each");
                }
                pos = endOfScanData(b, pos, scans);
            }
        }
    }

    /**
     * Why {@code length} cannot be right for a segment of this type (ITU T.81 B.2), or null. Checked
     * before the length is compared with the data left: an impossible length is damage, not a cut.
     */
    private static String impossibleLength(byte[] b, int pos, int marker, int length) {
        if (isFrameHeader(marker) || marker == DHP) {
            if (length < 8) {
                return "is too short for a frame header";
            }
            if (pos + 8 <= b.length && length != 8 + 3 * Bytes.u8(b, pos + 7)) {
                return "does not fit a frame header of " + Bytes.u8(b, pos + 7) + " components";
            }
        } else if (marker == SOS) {
            if (pos + 3 <= b.length) {
                int components = Bytes.u8(b, pos + 2);
                if (components < 1 || components > 4 || length != 6 + 2 * components) {
                    return "does not fit a scan header of " + components + " components";
                }
            }
        } else if (marker == DRI || marker == DNL) {
            return length == 4 ? null : "is not the 4 bytes this segment has";
        } else if (marker == EXP) {
            return length == 3 ? null : "is not the 3 bytes this segment has";
        } else if (marker == DQT) {
            return isSumOfTables(length - 2) ? null : "is not a whole number of quantisation tables";
        } else if (marker == DHT && length < 2 + 17) {
            return "is too short for a Huffman table";
        }
        return null;
    }

    /** Whether {@code body} bytes are some number of 65-byte (8-bit) and 129-byte (16-bit) tables. */
    private static boolean isSumOfTables(int body) {
        for (int wide = 0; wide * 129 <= body; wide++) {
            if ((body - wide * 129) % 65 == 0) {
                return body > 0;
            }
        }
        return false;
    }

    private static int checkFrameHeader(byte[] b, int pos, int marker) {
        int precision = Bytes.u8(b, pos + 2);
        int components = Bytes.u8(b, pos + 7);
        if (components == 0) {
            throw corrupt("frame header without components");
        }
        if (marker != 0xC0 && marker != 0xC1 && marker != 0xC2) {
            throw unsupported(String.format(
                    "SOF%d (%s) is not supported; send baseline or progressive JPEG", marker - 0xC0, process(marker)));
        }
        if (precision != 8) {
            throw unsupported(precision + "-bit samples are not supported; send 8-bit JPEG");
        }
        if (components != 1 && components != 3 && components != 4) {
            throw unsupported(components + "-component JPEG is not supported; send RGB, CMYK or grayscale");
        }
        return components;
    }

    /** Whether an APP14 body is Adobe's: it says how a 4-component file's samples are to be read. */
    private static boolean isAdobe(byte[] b, int at, int length) {
        if (length < 12) {
            return false;
        }
        for (int i = 0; i < ADOBE.length; i++) {
            if (b[at + i] != ADOBE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Skips entropy-coded data: stuffed zero bytes and restart markers belong to it. */
    private static int endOfScanData(byte[] b, int pos, int scan) {
        while (true) {
            while (pos < b.length && b[pos] != (byte) 0xFF) {
                pos++;
            }
            if (pos + 1 >= b.length) {
                throw endsEarly(b, "the data ends inside the entropy-coded data of scan " + scan);
            }
            int next = Bytes.u8(b, pos + 1);
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                pos += 2;
            } else if (next == 0xFF) {
                pos++;
            } else {
                return pos;
            }
        }
    }

    /** Markers followed by a length: SOFn, DHT, DAC, SOS, DQT, DNL, DRI, DHP, EXP, APPn, COM. */
    private static boolean isSegment(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC8
                || marker >= SOS && marker <= 0xDF
                || marker >= 0xE0 && marker <= 0xEF
                || marker == 0xFE;
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** The coding process a frame header marker names (ITU T.81, table B.1). */
    private static String process(int marker) {
        int n = marker - 0xC0;
        String kind = (n & 3) == 3 ? "lossless" : (n & 3) == 2 ? "progressive" : "sequential";
        String hierarchy = (n & 4) != 0 ? "hierarchical " : "";
        String coding = (n & 8) != 0 ? "arithmetic-coded" : "Huffman-coded";
        return hierarchy + kind + ", " + coding;
    }

    private static FrameRejectedException endsEarly(byte[] b, String detail) {
        if (Bytes.endsWith(b, EOI_BYTES)) {
            return corrupt("structure is inconsistent although the file ends with an EOI marker: " + detail);
        }
        return new FrameRejectedException(DecodeFailure.IMAGE_TRUNCATED, "JPEG is truncated: " + detail);
    }

    private static FrameRejectedException corrupt(String detail) {
        return new FrameRejectedException(DecodeFailure.IMAGE_CORRUPT, "JPEG is corrupt: " + detail);
    }

    private static FrameRejectedException unsupported(String detail) {
        return new FrameRejectedException(DecodeFailure.UNSUPPORTED_ENCODING, "JPEG variant: " + detail);
    }
}
