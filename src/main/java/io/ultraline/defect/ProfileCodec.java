package io.ultraline.defect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * The versioned binary form of a {@link ReferenceProfile} (the {@code bank} bytes of the Avro
 * {@code ReferenceProfile} record). All numbers are big-endian (network order, Java's default);
 * floats are IEEE 754 binary32, so a profile decodes to exactly the profile that was encoded.
 *
 * <pre>
 * offset  size    field
 * 0       4       magic "ULPF" (ASCII)
 * 4       4       int   format version, currently 1
 * 8       4       int   payload length L in bytes
 * 12      L       payload:
 *                   long  profile version
 *                   long  created, epoch milliseconds
 *                   int   frame count K
 *                   int   token dimension D
 *                   float threshold
 *                   float threshold quantile
 *                   float threshold margin
 *                   int   number of calibration scores S (= K)
 *                   S x float calibration scores
 *                   int   bank size M
 *                   M x D x float bank tokens, row-major
 * 12 + L  4       CRC-32 (java.util.zip.CRC32) of bytes 0 .. 12 + L - 1, as an unsigned int
 * </pre>
 *
 * <p>Decoding checks, in order, and fails with an {@link IllegalArgumentException} naming the
 * problem: the header is present, the magic, the format version, the announced length against
 * the bytes present (truncated or trailing data), the checksum, then the payload's own counts
 * and finally the profile's invariants.
 */
public final class ProfileCodec {

    /** The four magic bytes. */
    public static final String MAGIC = "ULPF";
    /** The format version this build writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final int HEADER = 12;
    private static final int CHECKSUM = 4;
    private static final int FIXED_PAYLOAD = 8 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4;

    private ProfileCodec() {
    }

    /** Encodes a profile. */
    public static byte[] encode(ReferenceProfile profile) {
        float[] scores = profile.calibrationScores();
        float[] bank = profile.bank().rows();
        long payload = FIXED_PAYLOAD + 4L * scores.length + 4L * bank.length;
        if (HEADER + payload + CHECKSUM > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("profile too large to encode: " + payload + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) (HEADER + payload + CHECKSUM))
                .order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(FORMAT_VERSION)
                .putInt((int) payload);
        out.putLong(profile.version()).putLong(profile.created().toEpochMilli());
        out.putInt(profile.frameCount()).putInt(profile.tokenDim());
        out.putFloat(profile.threshold()).putFloat(profile.thresholdQuantile())
                .putFloat(profile.thresholdMargin());
        out.putInt(scores.length);
        out.asFloatBuffer().put(scores);
        out.position(out.position() + 4 * scores.length);
        out.putInt(profile.bankSize());
        out.asFloatBuffer().put(bank);
        out.position(out.position() + 4 * bank.length);
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    /**
     * Decodes a profile.
     *
     * @throws IllegalArgumentException if the bytes are not a valid profile of this format
     */
    public static ReferenceProfile decode(byte[] data) {
        if (data == null || data.length < HEADER) {
            throw new IllegalArgumentException("truncated profile: "
                    + (data == null ? 0 : data.length) + " bytes, the header alone needs " + HEADER);
        }
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!MAGIC.equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw new IllegalArgumentException("not an ultraline reference profile: magic bytes "
                    + hex(magic) + ", expected " + hex(MAGIC.getBytes(StandardCharsets.US_ASCII))
                    + " (\"" + MAGIC + "\")");
        }
        int format = in.getInt();
        if (format != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported profile format version " + format
                    + "; this build reads version " + FORMAT_VERSION);
        }
        long payload = Integer.toUnsignedLong(in.getInt());
        long expected = HEADER + payload + CHECKSUM;
        if (data.length < expected) {
            throw new IllegalArgumentException("truncated profile: the header announces " + expected
                    + " bytes, only " + data.length + " are present");
        }
        if (data.length > expected) {
            throw new IllegalArgumentException("trailing data after the profile: the header "
                    + "announces " + expected + " bytes, " + data.length + " are present");
        }
        int end = (int) (HEADER + payload);
        long stored = Integer.toUnsignedLong(ByteBuffer.wrap(data, end, CHECKSUM).getInt());
        long computed = crc(data, end);
        if (stored != computed) {
            throw new IllegalArgumentException("profile checksum mismatch: stored CRC-32 "
                    + Long.toHexString(stored) + ", computed " + Long.toHexString(computed)
                    + "; the data is corrupt");
        }
        in.limit(end);
        try {
            return payload(in);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("corrupt profile payload: its counts need more "
                    + "than the " + payload + " bytes announced", e);
        }
    }

    private static ReferenceProfile payload(ByteBuffer in) {
        long version = in.getLong();
        Instant created = Instant.ofEpochMilli(in.getLong());
        int frameCount = in.getInt();
        int dim = in.getInt();
        float threshold = in.getFloat();
        float quantile = in.getFloat();
        float margin = in.getFloat();
        float[] scores = floats(in, in.getInt(), "calibration score count");
        int bankSize = in.getInt();
        if (dim < 1 || bankSize < 1) {
            throw new IllegalArgumentException("corrupt profile payload: token dimension " + dim
                    + " and bank size " + bankSize + " must both be positive");
        }
        float[] bank = floats(in, (long) bankSize * dim, "bank size x token dimension");
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("corrupt profile payload: " + in.remaining()
                    + " bytes left over after the bank");
        }
        return new ReferenceProfile(version, created, frameCount, dim, threshold, quantile, margin,
                scores, MemoryBank.of(bank, dim));
    }

    private static float[] floats(ByteBuffer in, long count, String what) {
        if (count < 0 || count * 4 > in.remaining()) {
            throw new IllegalArgumentException("corrupt profile payload: " + what + " " + count
                    + " needs " + count * 4 + " bytes, " + in.remaining() + " remain");
        }
        float[] values = new float[(int) count];
        in.asFloatBuffer().get(values);
        in.position(in.position() + 4 * values.length);
        return values;
    }

    private static long crc(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue();
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder("0x");
        for (byte b : bytes) {
            out.append(String.format("%02x", b & 0xff));
        }
        return out.toString();
    }
}
