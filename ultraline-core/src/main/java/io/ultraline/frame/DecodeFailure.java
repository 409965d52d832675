package io.ultraline.frame;

/**
 * Why a frame could not be decoded, the reason a {@link FrameRejectedException} carries. Each
 * constant has a dead-letter {@code RejectReason} of the same name, so the stream maps them by name
 * ({@code DecodeFailureContractTest} holds them together).
 */
public enum DecodeFailure {
    /** The encoding is unknown, not allowed by the limits, or a variant this decoder cannot read
     *  (12-bit, lossless, hierarchical or arithmetic-coded JPEG, exotic colour spaces). */
    UNSUPPORTED_ENCODING,
    /** The bytes are not a well-formed image of the declared encoding: another format's signature
     *  (a PNG declared as JPEG, an image file declared as raw pixels), bad
     *  checksum, broken structure, or a decoder error or warning on data that is complete. */
    IMAGE_CORRUPT,
    /** The bytes end before the format says the image ends (no PNG IEND chunk, no JPEG EOI
     *  marker, fewer raw bytes than the declared size needs). */
    IMAGE_TRUNCATED,
    /** The image's own size differs from the declared width and height, or a raw frame has more
     *  bytes than the declared size needs. */
    DIMENSION_MISMATCH,
    /** The frame's bytes or its declared size exceed the configured limits. */
    IMAGE_TOO_LARGE,
    /** A compressed image whose header claims more pixels (or a longer side) than the limits
     *  allow, or a JPEG with so many scans that decoding it would stall a stream thread. */
    DECOMPRESSION_BOMB,
    /** A field of the frame is invalid on its own: missing bytes or encoding, a non-positive
     *  declared width or height. */
    INVALID_FIELD
}
