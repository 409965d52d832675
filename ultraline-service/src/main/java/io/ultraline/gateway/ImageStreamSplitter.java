package io.ultraline.gateway;

import io.ultraline.avro.ImageEncoding;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a byte stream of concatenated JPEG and PNG files (an MJPEG pipe from ffmpeg or GStreamer,
 * {@code cat *.png}) into single images. A JPEG is walked segment by segment, so an EXIF thumbnail
 * (a whole JPEG inside an APP1 segment, with its own SOI and EOI) does not end the image early,
 * and its entropy-coded data is read up to the next real marker; a PNG is walked chunk by chunk to
 * IEND. Bytes that are not an image signature (a multipart boundary, a log line on the pipe) are
 * skipped and counted. An image that breaks the format mid-way is dropped and counted, and the
 * search goes on after it, so one damaged frame does not end the stream. A stream that ends inside
 * an image throws {@link TruncatedImageException}, so a cut-off last frame is reported, never sent.
 *
 * <p>Limit: a JPEG cut off inside a header segment (whose length it declares) takes the next
 * image's first bytes as that segment's body, so both are lost; encoders and pipes cut frames in
 * the entropy-coded data, where the next start marker is recognised.
 */
public final class ImageStreamSplitter {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;

    /** The image broke its format; the walk resumes scanning at the current byte. */
    private static final class Corrupt extends Exception {
        Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    /** A JPEG start marker inside a JPEG that has not ended: the previous image was cut off. */
    private static final class Restart extends Exception {
        Restart() {
            super(null, null, false, false);
        }
    }

    private final Input in;
    private final int maxBytes;
    private long offset;
    private long garbage;
    private int corrupt;
    private String lastCorruption;

    /**
     * @param in       the stream; read to its end
     * @param maxBytes the largest image this splitter holds in memory; a larger one is dropped as corrupt
     */
    public ImageStreamSplitter(InputStream in, int maxBytes) {
        if (maxBytes < 64) {
            throw new IllegalArgumentException("maxBytes must be at least 64, got " + maxBytes);
        }
        this.in = new Input(in);
        this.maxBytes = maxBytes;
    }

    /**
     * The next image, or null at the end of the stream.
     *
     * @throws TruncatedImageException when the stream ends inside an image
     */
    public SplitImage next() throws IOException {
        long garbageBefore = garbage;
        boolean jpegStarted = false;
        while (true) {
            ImageEncoding found = jpegStarted ? ImageEncoding.JPEG : findSignature();
            jpegStarted = false;
            if (found == null) {
                return null;
            }
            long start = offset - (found == ImageEncoding.PNG ? PNG_SIGNATURE.length : 2);
            Sink image = new Sink();
            try {
                if (found == ImageEncoding.PNG) {
                    image.write(PNG_SIGNATURE);
                    readPng(image);
                } else {
                    image.write(0xFF);
                    image.write(SOI);
                    readJpeg(image);
                }
                return new SplitImage(found, image.toByteArray(), garbage - garbageBefore);
            } catch (Corrupt e) {
                corrupt++;
                lastCorruption = found + " at stream offset " + start + ": " + e.getMessage();
            } catch (Restart e) {
                corrupt++;
                lastCorruption = "JPEG at stream offset " + start + " was cut off by the next JPEG's start marker";
                jpegStarted = true;
            } catch (EOFException e) {
                throw new TruncatedImageException("the stream ended inside a " + found + " image that started at "
                        + "stream offset " + start + " (" + image.size() + " bytes read): the last image is "
                        + "incomplete and was not sent");
            }
        }
    }

    /** Bytes skipped so far that belonged to no image (not counting dropped images). */
    public long skippedBytes() {
        return garbage;
    }

    /** Images dropped because they broke their format. */
    public int corruptImages() {
        return corrupt;
    }

    /** What was wrong with the last dropped image, or null. */
    public String lastCorruption() {
        return lastCorruption;
    }

    /** Skips to just after the next signature; null at the end of the stream. */
    private ImageEncoding findSignature() throws IOException {
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            offset++;
            if (b == 0xFF && peekMatches(new byte[] {(byte) SOI, (byte) 0xFF})) {
                skip(1); // SOI; the 0xFF after it is the first segment's marker
                return ImageEncoding.JPEG;
            }
            if (b == 0x89 && peekMatches(Arrays.copyOfRange(PNG_SIGNATURE, 1, PNG_SIGNATURE.length))) {
                skip(PNG_SIGNATURE.length - 1);
                return ImageEncoding.PNG;
            }
            garbage++;
        }
    }

    private boolean peekMatches(byte[] expected) throws IOException {
        in.mark(expected.length);
        try {
            for (byte e : expected) {
                if (in.read() != (e & 0xff)) {
                    return false;
                }
            }
            return true;
        } finally {
            in.reset();
        }
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            readByte();
        }
    }

    private void readJpeg(Sink out) throws IOException, Corrupt, Restart {
        int b = copyByte(out);
        while (true) {
            if (b != 0xFF) {
                throw new Corrupt(
                        String.format("expected a marker at image offset %d, found byte 0x%02x", out.size() - 1, b));
            }
            int marker = copyByte(out);
            while (marker == 0xFF) {
                marker = copyByte(out); // fill bytes
            }
            if (marker == EOI) {
                return;
            }
            if (marker == SOI) {
                throw new Restart();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                b = copyByte(out);
                continue;
            }
            int length = (copyByte(out) << 8) | copyByte(out);
            if (length < 2) {
                throw new Corrupt(String.format("segment 0xFF%02X has impossible length %d", marker, length));
            }
            copy(out, length - 2);
            b = marker == SOS ? copyEntropyData(out) : copyByte(out);
        }
    }

    /** Copies a scan's entropy-coded data; returns the 0xFF that starts the marker after it. */
    private int copyEntropyData(Sink out) throws IOException, Corrupt {
        while (true) {
            int b = copyByte(out);
            if (b != 0xFF) {
                continue;
            }
            in.mark(1);
            int next = readByte();
            in.reset();
            offset--;
            // 0xFF00 is a stuffed data byte and 0xFFD0..D7 a restart marker: both belong to the scan
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                copyByte(out);
                continue;
            }
            return 0xFF;
        }
    }

    private void readPng(Sink out) throws IOException, Corrupt {
        while (true) {
            long length = ((long) copyByte(out) << 24) | (copyByte(out) << 16) | (copyByte(out) << 8) | copyByte(out);
            StringBuilder type = new StringBuilder(4);
            for (int i = 0; i < 4; i++) {
                int c = copyByte(out);
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                    throw new Corrupt(String.format("chunk type byte 0x%02x is not a letter", c));
                }
                type.append((char) c);
            }
            if (length > maxBytes) {
                throw new Corrupt("chunk " + type + " of " + length + " bytes exceeds the " + maxBytes + "-byte limit");
            }
            copy(out, length + 4); // data and CRC
            if (type.toString().equals("IEND")) {
                return;
            }
        }
    }

    private void copy(Sink out, long n) throws IOException, Corrupt {
        for (long i = 0; i < n; i++) {
            copyByte(out);
        }
    }

    private int copyByte(Sink out) throws IOException, Corrupt {
        if (out.size() >= maxBytes) {
            throw new Corrupt("image exceeds " + maxBytes + " bytes");
        }
        int b = readByte();
        out.write(b);
        return b;
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        offset++;
        return b;
    }

    /**
     * The stream through a buffer of its own: every byte of a frame passes one call, and the JDK's
     * BufferedInputStream and ByteArrayOutputStream lock on each (measured about 17 MB/s with them).
     */
    private static final class Input {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private int mark = -1;

        Input(InputStream in) {
            this.in = in;
        }

        int read() throws IOException {
            if (pos == limit && !fill(1)) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        /** Remembers the position; up to {@code ahead} bytes may be read before {@link #reset}. */
        void mark(int ahead) throws IOException {
            mark = -1;
            fill(ahead);
            mark = pos;
        }

        void reset() {
            pos = mark;
            mark = -1;
        }

        /** Makes {@code n} bytes available from pos if the stream has them; false at its end. */
        private boolean fill(int n) throws IOException {
            if (limit - pos >= n) {
                return true;
            }
            // keep the marked bytes: a peek that meets the end of the stream resets to them
            int keep = mark >= 0 ? Math.min(mark, pos) : pos;
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            limit -= keep;
            pos -= keep;
            if (mark >= 0) {
                mark -= keep;
            }
            while (limit < n) {
                int got = in.read(buf, limit, buf.length - limit);
                if (got < 0) {
                    return false;
                }
                limit += got;
            }
            return true;
        }
    }

    /** A growable byte array without locking. */
    private static final class Sink {
        private byte[] data = new byte[1 << 16];
        private int size;

        void write(int b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = (byte) b;
        }

        void write(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
        }

        int size() {
            return size;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
