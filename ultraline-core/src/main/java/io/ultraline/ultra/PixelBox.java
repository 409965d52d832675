package io.ultraline.ultra;

/**
 * An axis-aligned box in frame pixels: {@code (x, y)} is the top-left pixel, inclusive, and the
 * box covers {@code width x height} pixels (the same layout as the {@code PixelBox} contract).
 */
public record PixelBox(int x, int y, int width, int height) {

    /** Checks that the corner is non-negative and the box covers at least one pixel. */
    public PixelBox {
        if (x < 0 || y < 0 || width < 1 || height < 1) {
            throw new IllegalArgumentException("a pixel box needs x, y >= 0 and width, height >= 1," + " got x=" + x
                    + " y=" + y + " width=" + width + " height=" + height);
        }
    }
}
