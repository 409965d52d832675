package io.ultraline.frame;

import java.util.Objects;

/**
 * Decodes and validates one camera frame into an {@link RgbImage}, or refuses it with a typed
 * {@link FrameRejectedException}. For any input, that exception is the only way a call fails: the
 * stream calls this for every record, and a bad record must become a dead letter, never a dead
 * stream thread. (Errors such as {@code OutOfMemoryError} are not input problems and are not
 * caught; the limits are what keep a frame's memory bounded.)
 *
 * <p>Order of checks, cheapest and most telling first:
 * <ol>
 *   <li>missing bytes: {@code INVALID_FIELD}; more bytes than {@code maxBytes}:
 *       {@code IMAGE_TOO_LARGE}, before anything looks at them;</li>
 *   <li>missing encoding: {@code INVALID_FIELD}; {@code UNKNOWN} or not allowed:
 *       {@code UNSUPPORTED_ENCODING};</li>
 *   <li>PNG / JPEG: another format's signature: {@code IMAGE_CORRUPT} naming both formats (a
 *       proper prefix of the signature: {@code IMAGE_TRUNCATED}), before the declared size, since
 *       "a PNG declared as JPEG" says more than whatever size came with it;</li>
 *   <li>declared width or height not positive: {@code INVALID_FIELD}; over {@code maxSide} or
 *       {@code maxPixels}: {@code IMAGE_TOO_LARGE};</li>
 *   <li>GRAY8 / RGB8: another byte count than width x height x channels, with the signature of
 *       a known image format: {@code IMAGE_CORRUPT} naming it; otherwise fewer bytes:
 *       {@code IMAGE_TRUNCATED}, more: {@code DIMENSION_MISMATCH}. The right count is always
 *       pixels, whatever its first bytes look like;</li>
 *   <li>PNG / JPEG: the container walk:
 *       data ending before IEND / EOI: {@code IMAGE_TRUNCATED}, broken structure or checksum:
 *       {@code IMAGE_CORRUPT}, unsupported JPEG variants (12-bit, lossless, hierarchical,
 *       arithmetic-coded, 2 components, 4 without an Adobe segment): {@code UNSUPPORTED_ENCODING}, too many
 *       JPEG scans: {@code DECOMPRESSION_BOMB}; then the header's size alone: over the limits:
 *       {@code DECOMPRESSION_BOMB}, different from the declared size: {@code DIMENSION_MISMATCH};
 *       then the pixels: any decoder exception or warning: {@code IMAGE_CORRUPT}.</li>
 * </ol>
 *
 * <p>JPEGs of 1 or 3 components go to the JDK's reader; CMYK and YCCK JPEGs (4 components) to
 * TwelveMonkeys' reader, which converts them to RGB; both only after the same checks.
 *
 * <p>Thread-safe and meant to be shared by all stream threads: it holds only the limits and the
 * reader providers, and creates (and disposes of) a reader per call.
 */
public final class FrameDecoder {

    private final FrameLimits limits;
    private final ImageIoDecoder png;
    private final ImageIoDecoder jpeg;
    private final ImageIoDecoder fourComponentJpeg;

    public FrameDecoder(FrameLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.png = limits.allowed().contains(FrameEncoding.PNG) ? ImageIoDecoder.png() : null;
        this.jpeg = limits.allowed().contains(FrameEncoding.JPEG) ? ImageIoDecoder.jpeg() : null;
        this.fourComponentJpeg =
                limits.allowed().contains(FrameEncoding.JPEG) ? ImageIoDecoder.fourComponentJpeg() : null;
    }

    public FrameLimits limits() {
        return limits;
    }

    /**
     * Decodes {@code bytes}, declared as {@code encoding} of {@code declaredWidth} x
     * {@code declaredHeight} pixels, into RGB floats in [0, 1].
     *
     * @throws FrameRejectedException for every frame that is not a valid image of the declared
     *                                encoding and size within the limits
     */
    public RgbImage decode(FrameEncoding encoding, int declaredWidth, int declaredHeight, byte[] bytes) {
        if (bytes == null) {
            throw reject(DecodeFailure.INVALID_FIELD, "image bytes are missing");
        }
        if (bytes.length > limits.maxBytes()) {
            throw reject(
                    DecodeFailure.IMAGE_TOO_LARGE,
                    "image is " + bytes.length + " bytes, over the limit of " + limits.maxBytes());
        }
        if (encoding == null) {
            throw reject(DecodeFailure.INVALID_FIELD, "encoding is missing");
        }
        if (encoding == FrameEncoding.UNKNOWN) {
            throw reject(
                    DecodeFailure.UNSUPPORTED_ENCODING,
                    "encoding is UNKNOWN: the producer used an encoding this reader does not know");
        }
        if (!limits.allowed().contains(encoding)) {
            throw reject(
                    DecodeFailure.UNSUPPORTED_ENCODING,
                    "encoding " + encoding + " is not allowed here (allowed: " + limits.allowed() + ")");
        }
        byte[] signature = ImageSignature.of(encoding);
        if (signature != null) {
            ImageSignature.require(encoding, signature, bytes);
        }
        checkDeclaredSize(declaredWidth, declaredHeight);
        return switch (encoding) {
            case GRAY8, RGB8 -> RawFrames.decode(encoding, declaredWidth, declaredHeight, bytes);
            case PNG -> {
                PngStructure.check(bytes);
                yield png.decode(bytes, declaredWidth, declaredHeight, limits);
            }
            case JPEG -> {
                int components = JpegStructure.check(bytes);
                yield (components == 4 ? fourComponentJpeg : jpeg).decode(bytes, declaredWidth, declaredHeight, limits);
            }
            case UNKNOWN -> throw new AssertionError("rejected above");
        };
    }

    private void checkDeclaredSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw reject(DecodeFailure.INVALID_FIELD, "declared size " + width + "x" + height + " is not positive");
        }
        if (!limits.fits(width, height)) {
            throw reject(
                    DecodeFailure.IMAGE_TOO_LARGE,
                    "declared size " + width + "x" + height + " is over the limits (" + limits.maxSide() + " a side, "
                            + limits.maxPixels() + " pixels)");
        }
    }

    private static FrameRejectedException reject(DecodeFailure reason, String detail) {
        return new FrameRejectedException(reason, detail);
    }
}
