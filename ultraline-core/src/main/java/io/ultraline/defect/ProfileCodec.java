package io.ultraline.defect;

import io.ultraline.ultra.align.ConceptPrototypes;
import io.ultraline.ultra.transform.TokenTransform;
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
 * 4       4       int   format version: 1 without a raw-pixel channel, 2 with one, 3 with a list of
 *                       parts (token transform W, place bank, concept prototypes)
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
 *                   int   bank size M (0 in format 3 with part 8: the place bank holds the tokens)
 *                   M x D x float bank tokens, row-major
 *                 format 3 goes on with
 *                   int   parts, a sum of: 1 = a raw-pixel channel follows, 2 = a transform
 *                         follows, 4 = a place switch follows, 8 = a place bank follows (4 and 8
 *                         come together: a profile records its switch only where it is on),
 *                         16 = concept prototypes follow, 32 = a zoom channel follows
 *                 format 2 (and 3 with part 1) goes on with the raw-pixel channel ({@link AppearanceChannel}):
 *                   int   model input side Z in pixels
 *                   int   patch side (8) and int stride (4)
 *                   int   patch values P (192) and int kept axes A
 *                   P x float mean patch
 *                   A x P x float principal axes, row-major
 *                   float channel threshold, float scale into token units
 *                   int   number of token-channel held-out scores (= K), then as many floats
 *                   int   number of pixel-channel held-out scores (= K), then as many floats
 *                   int   bank patches Q, then Q x A x float projected patches
 *                 format 3 with part 2 ends with the token transform ({@link TokenTransform}):
 *                   int   rows D', int columns (= D)
 *                   D' x D x float W, row-major
 *                 format 3 with part 4 goes on with the {@link PlaceSwitch}:
 *                   float share of held-out tokens at home, float limit
 *                 format 3 with part 8 ends with the {@link PlaceBank}:
 *                   int   places P', int tokens a place T
 *                   D x float lowest value, D x float step, of each component
 *                   P' x T x D x byte unsigned codes, place-major
 *                 format 3 with part 16 ends with the {@link ConceptPrototypes}:
 *                   double match distance, int prototypes C
 *                   D x float centre, C x D x float unit prototypes, row-major
 *                   C x int camera ids of the prototypes
 *                 format 3 with part 32 ends with the {@link ZoomChannel}:
 *                   int   scale, float channel threshold, float weight into base units
 *                   int   number of zoom held-out scores (= K), then as many floats
 *                   int   number of base held-out scores (= K), then as many floats
 *                   int   bank tokens T, D x float lowest value, D x float step, of each component
 *                   T x D x byte unsigned codes, row-major
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
    /** The format of a profile with a raw-pixel channel and no transform, written as before so older readers keep it. */
    public static final int FORMAT_VERSION = 2;
    /** The format of a profile without a raw-pixel channel, written as before so older readers keep it. */
    static final int TOKENS_ONLY_FORMAT = 1;
    /** The newest format: the parts listed in a flags word; only written where a transform, place switch or concept prototypes need it. */
    static final int PARTS_FORMAT = 3;

    private static final int PART_APPEARANCE = 1;
    private static final int PART_TRANSFORM = 2;
    private static final int PART_PLACE_SWITCH = 4;
    private static final int PART_PLACES = 8;
    private static final int PART_CONCEPTS = 16;
    private static final int PART_ZOOM = 32;

    private static final int HEADER = 12;
    private static final int CHECKSUM = 4;
    private static final int FIXED_PAYLOAD = 8 + 8 + 4 + 4 + 4 + 4 + 4 + 4 + 4;

    private ProfileCodec() {}

    /** Encodes a profile. */
    public static byte[] encode(ReferenceProfile profile) {
        float[] scores = profile.calibrationScores();
        PlaceBank places = profile.places();
        // a place bank holds the bank's tokens already: written once, at 8 bits
        float[] bank = places != null ? new float[0] : profile.bank().rows();
        AppearanceChannel appearance = profile.appearance();
        TokenTransform transform = profile.transform();
        PlaceSwitch placeSwitch = profile.placeSwitch();
        ConceptPrototypes concepts = profile.conceptPrototypes();
        ZoomChannel zoom = profile.zoom();
        boolean parts = transform != null || placeSwitch != null || concepts != null || zoom != null;
        long payload = FIXED_PAYLOAD
                + 4L * scores.length
                + 4L * bank.length
                + (parts ? 4 : 0)
                + (appearance == null ? 0 : appearanceBytes(appearance))
                + (transform == null ? 0 : 8 + 4L * transform.outDim() * transform.inDim())
                + (placeSwitch == null ? 0 : 8)
                + (places == null ? 0 : 8 + places.encodedBytes())
                + (concepts == null ? 0 : conceptBytes(concepts.count(), concepts.dim()))
                + (zoom == null ? 0 : zoomBytes(zoom));
        if (HEADER + payload + CHECKSUM > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("profile too large to encode: " + payload + " bytes");
        }
        ByteBuffer out =
                ByteBuffer.allocate((int) (HEADER + payload + CHECKSUM)).order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC.getBytes(StandardCharsets.US_ASCII))
                .putInt(parts ? PARTS_FORMAT : appearance == null ? TOKENS_ONLY_FORMAT : FORMAT_VERSION)
                .putInt((int) payload);
        out.putLong(profile.version()).putLong(profile.created().toEpochMilli());
        out.putInt(profile.frameCount()).putInt(profile.tokenDim());
        out.putFloat(profile.threshold()).putFloat(profile.thresholdQuantile()).putFloat(profile.thresholdMargin());
        out.putInt(scores.length);
        out.asFloatBuffer().put(scores);
        out.position(out.position() + 4 * scores.length);
        out.putInt(bank.length / profile.tokenDim());
        putFloats(out, bank);
        if (parts) {
            out.putInt((transform == null ? 0 : PART_TRANSFORM)
                    | (appearance == null ? 0 : PART_APPEARANCE)
                    | (placeSwitch == null ? 0 : PART_PLACE_SWITCH)
                    | (places == null ? 0 : PART_PLACES)
                    | (concepts == null ? 0 : PART_CONCEPTS)
                    | (zoom == null ? 0 : PART_ZOOM));
        }
        if (appearance != null) {
            putAppearance(out, appearance);
        }
        if (transform != null) {
            out.putInt(transform.outDim()).putInt(transform.inDim());
            putFloats(out, transform.weights());
        }
        if (placeSwitch != null) {
            out.putFloat(placeSwitch.share()).putFloat(placeSwitch.limit());
        }
        if (places != null) {
            out.putInt(places.places()).putInt(places.perPlace());
            putFloats(out, places.low());
            putFloats(out, places.step());
            out.put(places.codes());
        }
        if (concepts != null) {
            out.putDouble(concepts.maxDistance()).putInt(concepts.count());
            putFloats(out, concepts.centre());
            for (float[] v : concepts.vectors()) {
                putFloats(out, v);
            }
            for (int id : concepts.ids()) {
                out.putInt(id);
            }
        }
        if (zoom != null) {
            putZoom(out, zoom);
        }
        out.putInt((int) crc(out.array(), out.position()));
        return out.array();
    }

    private static long zoomBytes(ZoomChannel z) {
        return 4L * 3 + 8L + 8L * z.calibrationScores().length + 4 + z.bank().encodedBytes();
    }

    private static void putZoom(ByteBuffer out, ZoomChannel z) {
        out.putInt(z.scale()).putFloat(z.threshold()).putFloat(z.weight());
        putCounted(out, z.calibrationScores());
        putCounted(out, z.baseCalibrationScores());
        PlaceBank bank = z.bank();
        out.putInt(bank.perPlace());
        putFloats(out, bank.low());
        putFloats(out, bank.step());
        out.put(bank.codes());
    }

    private static ZoomChannel zoom(ByteBuffer in, int dim) {
        int scale = in.getInt();
        float threshold = in.getFloat();
        float weight = in.getFloat();
        float[] scores = floats(in, in.getInt(), "zoom calibration score count");
        float[] base = floats(in, in.getInt(), "zoom base calibration score count");
        int tokens = in.getInt();
        if (tokens < 1 || (long) tokens * dim > in.remaining()) {
            throw new IllegalArgumentException("corrupt profile payload: a zoom bank of " + tokens + " tokens, "
                    + in.remaining() + " bytes remain");
        }
        float[] low = floats(in, dim, "zoom bank offsets");
        float[] step = floats(in, dim, "zoom bank steps");
        byte[] codes = new byte[tokens * dim];
        in.get(codes);
        return new ZoomChannel(scale, PlaceBank.of(1, tokens, dim, low, step, codes), scores, threshold, weight, base);
    }

    private static long appearanceBytes(AppearanceChannel a) {
        PrincipalAxes axes = a.bank().axes();
        return 4L * (5 + 2 + 2 + 1)
                + 4L * axes.dim() * (1 + axes.components())
                + 8L * a.calibrationScores().length
                + 4L * a.bank().size() * axes.components();
    }

    private static void putAppearance(ByteBuffer out, AppearanceChannel a) {
        PrincipalAxes axes = a.bank().axes();
        out.putInt(a.bank().imageSize()).putInt(AppearanceBank.PATCH).putInt(AppearanceBank.STRIDE);
        out.putInt(axes.dim()).putInt(axes.components());
        putFloats(out, axes.mean());
        putFloats(out, axes.axes());
        out.putFloat(a.threshold()).putFloat(a.scale());
        putCounted(out, a.tokenCalibrationScores());
        putCounted(out, a.calibrationScores());
        out.putInt(a.bank().size());
        putFloats(out, a.bank().rows());
    }

    private static AppearanceChannel appearance(ByteBuffer in) {
        int size = in.getInt();
        int patch = in.getInt();
        int stride = in.getInt();
        if (patch != AppearanceBank.PATCH || stride != AppearanceBank.STRIDE) {
            throw new IllegalArgumentException("unsupported raw-pixel channel: " + patch + " px patches at stride "
                    + stride + ", this build uses " + AppearanceBank.PATCH + " at " + AppearanceBank.STRIDE);
        }
        int dim = in.getInt();
        int kept = in.getInt();
        if (dim != AppearanceConfig.PATCH_DIM || kept < 1 || kept > dim || size < patch || size > 1 << 14) {
            throw new IllegalArgumentException(
                    "corrupt raw-pixel channel: input side " + size + ", patch values " + dim + ", axes " + kept);
        }
        float[] mean = floats(in, dim, "raw-pixel patch values");
        float[] axes = floats(in, (long) kept * dim, "raw-pixel axes");
        float threshold = in.getFloat();
        float scale = in.getFloat();
        float[] tokens = floats(in, in.getInt(), "token-channel calibration score count");
        float[] scores = floats(in, in.getInt(), "raw-pixel calibration score count");
        int patches = in.getInt();
        if (patches < 1) {
            throw new IllegalArgumentException("corrupt raw-pixel channel: " + patches + " patches");
        }
        float[] rows = floats(in, (long) patches * kept, "raw-pixel patches x axes");
        return new AppearanceChannel(
                AppearanceBank.of(size, PrincipalAxes.of(mean, axes), rows), scores, threshold, scale, tokens);
    }

    /** A count, then as many floats. */
    private static void putCounted(ByteBuffer out, float[] values) {
        out.putInt(values.length);
        putFloats(out, values);
    }

    private static void putFloats(ByteBuffer out, float[] values) {
        out.asFloatBuffer().put(values);
        out.position(out.position() + 4 * values.length);
    }

    /**
     * Decodes a profile.
     *
     * @throws IllegalArgumentException if the bytes are not a valid profile of this format
     */
    public static ReferenceProfile decode(byte[] data) {
        if (data == null || data.length < HEADER) {
            throw new IllegalArgumentException("truncated profile: " + (data == null ? 0 : data.length)
                    + " bytes, the header alone needs " + HEADER);
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
        if (format != FORMAT_VERSION && format != TOKENS_ONLY_FORMAT && format != PARTS_FORMAT) {
            throw new IllegalArgumentException("unsupported profile format version " + format
                    + "; this build reads versions " + TOKENS_ONLY_FORMAT + " to " + PARTS_FORMAT);
        }
        long payload = Integer.toUnsignedLong(in.getInt());
        long expected = HEADER + payload + CHECKSUM;
        if (data.length < expected) {
            throw new IllegalArgumentException("truncated profile: the header announces " + expected + " bytes, only "
                    + data.length + " are present");
        }
        if (data.length > expected) {
            throw new IllegalArgumentException("trailing data after the profile: the header " + "announces " + expected
                    + " bytes, " + data.length + " are present");
        }
        int end = (int) (HEADER + payload);
        long stored =
                Integer.toUnsignedLong(ByteBuffer.wrap(data, end, CHECKSUM).getInt());
        long computed = crc(data, end);
        if (stored != computed) {
            throw new IllegalArgumentException("profile checksum mismatch: stored CRC-32 "
                    + Long.toHexString(stored) + ", computed " + Long.toHexString(computed)
                    + "; the data is corrupt");
        }
        in.limit(end);
        try {
            return payload(in, format);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException(
                    "corrupt profile payload: its counts need more " + "than the " + payload + " bytes announced", e);
        }
    }

    private static ReferenceProfile payload(ByteBuffer in, int format) {
        long version = in.getLong();
        Instant created = Instant.ofEpochMilli(in.getLong());
        int frameCount = in.getInt();
        int dim = in.getInt();
        float threshold = in.getFloat();
        float quantile = in.getFloat();
        float margin = in.getFloat();
        float[] scores = floats(in, in.getInt(), "calibration score count");
        int bankSize = in.getInt();
        // format 3 may leave the bank to its place bank; its parts say so below
        if (dim < 1 || bankSize < (format == PARTS_FORMAT ? 0 : 1)) {
            throw new IllegalArgumentException("corrupt profile payload: token dimension " + dim + " and bank size "
                    + bankSize + " must both be positive");
        }
        float[] bank = floats(in, (long) bankSize * dim, "bank size x token dimension");
        int parts = format == PARTS_FORMAT ? in.getInt() : format == FORMAT_VERSION ? PART_APPEARANCE : 0;
        if ((parts & ~(PART_APPEARANCE | PART_TRANSFORM | PART_PLACE_SWITCH | PART_PLACES | PART_CONCEPTS | PART_ZOOM))
                != 0) {
            throw new IllegalArgumentException("corrupt profile payload: unknown parts " + parts);
        }
        if ((bankSize == 0) != ((parts & PART_PLACES) != 0)) {
            throw new IllegalArgumentException("corrupt profile payload: a bank of " + bankSize + " tokens with parts "
                    + parts + "; the bank is empty exactly when a place bank follows");
        }
        AppearanceChannel appearance = (parts & PART_APPEARANCE) != 0 ? appearance(in) : null;
        TokenTransform transform = (parts & PART_TRANSFORM) != 0 ? transform(in, dim) : null;
        PlaceSwitch placeSwitch =
                (parts & PART_PLACE_SWITCH) != 0 ? new PlaceSwitch(in.getFloat(), in.getFloat()) : null;
        PlaceBank places = (parts & PART_PLACES) != 0 ? places(in, dim) : null;
        ConceptPrototypes concepts = (parts & PART_CONCEPTS) != 0 ? concepts(in, dim) : null;
        ZoomChannel zoom = (parts & PART_ZOOM) != 0 ? zoom(in, dim) : null;
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("corrupt profile payload: " + in.remaining()
                    + " bytes left over after the "
                    + (zoom != null
                            ? "zoom channel"
                            : concepts != null
                                    ? "concept prototypes"
                                    : places != null
                                            ? "place bank"
                                            : placeSwitch != null
                                                    ? "place switch"
                                                    : transform != null
                                                            ? "transform"
                                                            : appearance == null ? "bank" : "raw-pixel channel"));
        }
        return new ReferenceProfile(
                version,
                created,
                frameCount,
                dim,
                threshold,
                quantile,
                margin,
                scores,
                places != null ? places.memoryBank() : MemoryBank.of(bank, dim),
                appearance,
                transform,
                placeSwitch,
                places,
                concepts,
                zoom);
    }

    /** Encoded size of part 16: match distance, count, centre, {@code count} prototypes and their ids. */
    static long conceptBytes(int count, int dim) {
        return 8 + 4 + 4L * (count + 1) * dim + 4L * count;
    }

    private static ConceptPrototypes concepts(ByteBuffer in, int dim) {
        double maxDistance = in.getDouble();
        int count = in.getInt();
        if (count < 1 || count > 1 << 14 || !(maxDistance >= 0 && maxDistance <= 2)) {
            throw new IllegalArgumentException(
                    "corrupt profile payload: " + count + " concept prototypes at match distance " + maxDistance);
        }
        float[] centre = floats(in, dim, "concept centre");
        float[][] vectors = new float[count][];
        for (int c = 0; c < count; c++) {
            vectors[c] = floats(in, dim, "concept prototype");
        }
        if (in.remaining() < 4L * count) {
            throw new IllegalArgumentException("corrupt profile payload: " + count + " concept ids need " + 4L * count
                    + " bytes, " + in.remaining() + " remain");
        }
        int[] ids = new int[count];
        for (int c = 0; c < count; c++) {
            ids[c] = in.getInt();
        }
        return new ConceptPrototypes(centre, vectors, maxDistance, ids);
    }

    private static PlaceBank places(ByteBuffer in, int dim) {
        int places = in.getInt();
        int perPlace = in.getInt();
        long codes = (long) places * perPlace * dim;
        if (places < 1 || perPlace < 1 || codes > in.remaining()) {
            throw new IllegalArgumentException("corrupt profile payload: a place bank of " + places + " places x "
                    + perPlace + " tokens, " + in.remaining() + " bytes remain");
        }
        float[] low = floats(in, dim, "place bank offsets");
        float[] step = floats(in, dim, "place bank steps");
        byte[] bytes = new byte[(int) codes];
        in.get(bytes);
        return PlaceBank.of(places, perPlace, dim, low, step, bytes);
    }

    private static TokenTransform transform(ByteBuffer in, int dim) {
        int rows = in.getInt();
        int columns = in.getInt();
        if (rows < 1 || rows > 1 << 14 || columns != dim) {
            throw new IllegalArgumentException("corrupt profile payload: a " + rows + " x " + columns
                    + " transform for " + dim + "-dimensional tokens");
        }
        return new TokenTransform(dim, rows, floats(in, (long) rows * columns, "transform rows x columns"));
    }

    private static float[] floats(ByteBuffer in, long count, String what) {
        if (count < 0 || count * 4 > in.remaining()) {
            throw new IllegalArgumentException("corrupt profile payload: " + what + " " + count + " needs " + count * 4
                    + " bytes, " + in.remaining() + " remain");
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
