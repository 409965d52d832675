package io.ultraline.stream;

import io.ultraline.avro.ImageEncoding;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@code CameraFrame} record may be before it is decoded: the configured {@code frames.*}
 * limits, in Avro encodings, plus bounds on its fields. {@link io.ultraline.frame.FrameLimits} is the
 * decoder's own view of the same bytes and pixels, which {@code StandardFrameDecoding} derives from
 * this. A frame outside these limits is dead-lettered with
 * {@code IMAGE_TOO_LARGE} or {@code UNSUPPORTED_ENCODING}; an encoded image whose header announces
 * more than {@link #maxPixels} is dead-lettered with {@code DECOMPRESSION_BOMB} before any pixel
 * buffer is allocated.
 *
 * @param maxBytes          largest image payload in bytes, {@value #KEY_MAX_BYTES}
 * @param maxPixels         largest width x height, declared or found in the image header,
 *                          {@value #KEY_MAX_PIXELS}
 * @param allowedEncodings  encodings accepted, {@value #KEY_ALLOWED_ENCODINGS} (comma-separated);
 *                          never {@code UNKNOWN}
 * @param fields            bounds on ids and attributes ({@code INVALID_FIELD} past them)
 */
public record FrameRecordLimits(int maxBytes, long maxPixels, Set<ImageEncoding> allowedEncodings, FieldLimits fields) {

    public static final String KEY_MAX_BYTES = "frames.max-bytes";
    public static final String KEY_MAX_PIXELS = "frames.max-pixels";
    public static final String KEY_ALLOWED_ENCODINGS = "frames.allowed-encodings";

    public FrameRecordLimits {
        Objects.requireNonNull(allowedEncodings, KEY_ALLOWED_ENCODINGS);
        if (maxBytes < 1) {
            throw new IllegalArgumentException(KEY_MAX_BYTES + " must be positive, got " + maxBytes);
        }
        if (maxPixels < 1 || maxPixels > Integer.MAX_VALUE / 3) {
            throw new IllegalArgumentException(KEY_MAX_PIXELS + " must be between 1 and " + Integer.MAX_VALUE / 3
                    + " (one RGB float array), got " + maxPixels);
        }
        if (allowedEncodings.isEmpty() || allowedEncodings.contains(ImageEncoding.UNKNOWN)) {
            throw new IllegalArgumentException(KEY_ALLOWED_ENCODINGS
                    + " must name at least one of JPEG, PNG, GRAY8, RGB8 and never UNKNOWN, got " + allowedEncodings);
        }
        allowedEncodings = Set.copyOf(allowedEncodings);
        Objects.requireNonNull(fields, "fields");
    }

    /** Limits with the default field bounds. */
    public FrameRecordLimits(int maxBytes, long maxPixels, Set<ImageEncoding> allowedEncodings) {
        this(maxBytes, maxPixels, allowedEncodings, FieldLimits.defaults());
    }

    public FrameRecordLimits withFields(FieldLimits newFields) {
        return new FrameRecordLimits(maxBytes, maxPixels, allowedEncodings, newFields);
    }

    /** 16 MiB, 4096 x 4096 pixels, every known encoding. */
    public static FrameRecordLimits defaults() {
        return new FrameRecordLimits(16 << 20, 4096L * 4096L, EnumSet.complementOf(EnumSet.of(ImageEncoding.UNKNOWN)));
    }
}
