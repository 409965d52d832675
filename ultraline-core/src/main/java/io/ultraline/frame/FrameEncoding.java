package io.ultraline.frame;

/**
 * How the bytes of a camera frame are encoded. The stream maps the Avro {@code ImageEncoding} onto
 * this enum symbol by symbol, so this package stays free of Avro.
 */
public enum FrameEncoding {
    /** A JPEG file (baseline, extended sequential or progressive; 8-bit; grayscale, YCbCr, CMYK or YCCK). */
    JPEG,
    /** A PNG file of any colour type and bit depth. */
    PNG,
    /** Raw 8-bit gray pixels, row-major, one byte per pixel, no padding. */
    GRAY8,
    /** Raw 8-bit RGB pixels, row-major, three bytes per pixel in R, G, B order, no padding. */
    RGB8,
    /** A symbol the producer used that this reader does not know; always rejected. */
    UNKNOWN
}
