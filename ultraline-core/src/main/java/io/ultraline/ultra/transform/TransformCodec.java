package io.ultraline.ultra.transform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A {@link TokenTransform} on its own, as a model directory keeps one (issue 19). Big-endian:
 * magic "ULTW", int format 1, int rows D', int columns D, D' x D float32 row-major, then the
 * CRC-32 of everything before it. Decoding names what is wrong: magic, format, size, checksum.
 */
public final class TransformCodec {

    public static final String MAGIC = "ULTW";
    public static final int FORMAT = 1;
    private static final int HEADER = 16;

    private TransformCodec() {}

    public static byte[] encode(TokenTransform w) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + 4 * w.outDim() * w.inDim() + 4);
        out.put(MAGIC.getBytes(StandardCharsets.US_ASCII))
                .putInt(FORMAT)
                .putInt(w.outDim())
                .putInt(w.inDim());
        out.asFloatBuffer().put(w.weights());
        out.position(out.position() + 4 * w.outDim() * w.inDim());
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    /** @throws IllegalArgumentException if the bytes are not a transform of this format */
    public static TokenTransform decode(byte[] data) {
        if (data.length < HEADER + 4) {
            throw new IllegalArgumentException("truncated transform: " + data.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw new IllegalArgumentException("not an ultraline token transform (magic is not \"" + MAGIC + "\")");
        }
        int format = in.getInt();
        if (format != FORMAT) {
            throw new IllegalArgumentException(
                    "unsupported transform format " + format + "; this build reads " + FORMAT);
        }
        int rows = in.getInt();
        int columns = in.getInt();
        long expected = HEADER + 4L * rows * columns + 4;
        if (rows < 1 || columns < 1 || data.length != expected) {
            throw new IllegalArgumentException("corrupt transform: a " + rows + " x " + columns + " transform needs "
                    + expected + " bytes, got " + data.length);
        }
        long stored =
                Integer.toUnsignedLong(ByteBuffer.wrap(data, data.length - 4, 4).getInt());
        if (stored != crc(data, data.length - 4)) {
            throw new IllegalArgumentException("transform checksum mismatch: the data is corrupt");
        }
        float[] w = new float[rows * columns];
        in.asFloatBuffer().get(w);
        return new TokenTransform(columns, rows, w);
    }

    private static long crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue();
    }
}
