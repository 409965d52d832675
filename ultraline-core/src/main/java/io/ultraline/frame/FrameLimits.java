package io.ultraline.frame;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link FrameDecoder} accepts. {@code maxBytes} bounds the encoded frame, {@code maxPixels}
 * and {@code maxSide} bound the decoded image (declared and, for PNG/JPEG, as the file's header
 * claims), {@code allowed} lists the encodings the deployment takes.
 *
 * <p>Memory: decoding one frame of {@code maxPixels} pixels holds the decoder's image (3 to 8
 * bytes a pixel) and the float RGB result (12 bytes a pixel) at once, about 0.6 GB at the default
 * 40 megapixels; size the heap for that times the number of stream threads, or lower the limit.
 *
 * @param maxBytes  largest accepted encoded frame, in bytes
 * @param maxPixels largest accepted width times height
 * @param maxSide   largest accepted width or height
 * @param allowed   accepted encodings; never {@link FrameEncoding#UNKNOWN}
 */
public record FrameLimits(int maxBytes, long maxPixels, int maxSide, Set<FrameEncoding> allowed) {

    /** The most pixels an {@link RgbImage} can hold: three floats a pixel in one Java array. */
    public static final long MAX_REPRESENTABLE_PIXELS = (Integer.MAX_VALUE - 8) / 3;

    public static final int DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
    public static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    public static final int DEFAULT_MAX_SIDE = 16_384;

    public FrameLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        if (maxPixels <= 0 || maxPixels > MAX_REPRESENTABLE_PIXELS) {
            throw new IllegalArgumentException("maxPixels must be in 1.." + MAX_REPRESENTABLE_PIXELS
                    + " (an RgbImage is one float array), got " + maxPixels);
        }
        if (maxSide <= 0) {
            throw new IllegalArgumentException("maxSide must be positive, got " + maxSide);
        }
        if (allowed == null || allowed.isEmpty()) {
            throw new IllegalArgumentException("allowed encodings must name at least one encoding");
        }
        // iterate rather than contains(null): immutable sets throw on a null query
        for (FrameEncoding e : allowed) {
            if (e == null || e == FrameEncoding.UNKNOWN) {
                throw new IllegalArgumentException("allowed encodings may not contain null or UNKNOWN, got " + allowed);
            }
        }
        allowed = Collections.unmodifiableSet(EnumSet.copyOf(allowed));
    }

    /** 20 MiB, 40 megapixels, 16384 pixels a side, every known encoding. */
    public static FrameLimits defaults() {
        return new FrameLimits(
                DEFAULT_MAX_BYTES,
                DEFAULT_MAX_PIXELS,
                DEFAULT_MAX_SIDE,
                EnumSet.of(FrameEncoding.JPEG, FrameEncoding.PNG, FrameEncoding.GRAY8, FrameEncoding.RGB8));
    }

    /** Whether a {@code width} x {@code height} image fits {@code maxSide} and {@code maxPixels}. */
    public boolean fits(long width, long height) {
        return width <= maxSide && height <= maxSide && width * height <= maxPixels;
    }
}
