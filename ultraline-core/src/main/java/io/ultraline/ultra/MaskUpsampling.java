package io.ultraline.ultra;

import java.util.Optional;

/**
 * Step 5 of the segmentation: from the token grid to frame pixels by nearest-neighbour
 * upsampling. Pixel {@code (x, y)} of a {@code width x height} frame takes grid cell
 * {@code (row, col) = (floor(y * gridH / height), floor(x * gridW / width))}, for any frame size
 * (not only multiples of the grid). Cells therefore cover contiguous pixel ranges whose sizes
 * differ by at most one; when the frame is smaller than the grid, some cells cover no pixel.
 *
 * <p>All grids and images are row-major arrays; arithmetic is in long, so large frames do not
 * overflow.
 */
public final class MaskUpsampling {

    private MaskUpsampling() {}

    /** Pixel labels ({@code height * width}, row-major) of a label grid. */
    public static int[] upsample(int[] cellLabels, int gridH, int gridW, int width, int height) {
        requireGrid(cellLabels.length, gridH, gridW);
        int[] rowOf = cellIndexOfPixel(gridH, height);
        int[] colOf = cellIndexOfPixel(gridW, width);
        int[] pixels = new int[pixelCount(width, height)];
        for (int y = 0; y < height; y++) {
            int cellRow = rowOf[y] * gridW;
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = cellLabels[cellRow + colOf[x]];
            }
        }
        return pixels;
    }

    /** The cells of a label grid that carry {@code label}. */
    public static boolean[] cellMask(int[] cellLabels, int label) {
        boolean[] mask = new boolean[cellLabels.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = cellLabels[i] == label;
        }
        return mask;
    }

    /** The pixels ({@code height * width}, row-major) of a frame that fall in set cells. */
    public static boolean[] pixelMask(boolean[] cells, int gridH, int gridW, int width, int height) {
        int[] asLabels = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            asLabels[i] = cells[i] ? 1 : 0;
        }
        int[] pixels = upsample(asLabels, gridH, gridW, width, height);
        boolean[] mask = new boolean[pixels.length];
        for (int p = 0; p < pixels.length; p++) {
            mask[p] = pixels[p] == 1;
        }
        return mask;
    }

    /**
     * The smallest pixel box holding every pixel of the set cells, or empty when they cover no
     * pixel (no cell set, or only cells that a frame smaller than the grid skips).
     */
    public static Optional<PixelBox> boundingBox(boolean[] cells, int gridH, int gridW, int width, int height) {
        requireGrid(cells.length, gridH, gridW);
        pixelCount(width, height);
        int top = Integer.MAX_VALUE;
        int left = Integer.MAX_VALUE;
        int bottom = -1;
        int right = -1;
        for (int r = 0; r < gridH; r++) {
            for (int c = 0; c < gridW; c++) {
                int y0 = firstPixel(r, gridH, height);
                int y1 = firstPixel(r + 1, gridH, height);
                int x0 = firstPixel(c, gridW, width);
                int x1 = firstPixel(c + 1, gridW, width);
                if (cells[r * gridW + c] && y1 > y0 && x1 > x0) {
                    top = Math.min(top, y0);
                    left = Math.min(left, x0);
                    bottom = Math.max(bottom, y1 - 1);
                    right = Math.max(right, x1 - 1);
                }
            }
        }
        if (bottom < 0) {
            return Optional.empty();
        }
        return Optional.of(new PixelBox(left, top, right - left + 1, bottom - top + 1));
    }

    /** Number of frame pixels that fall in set cells, without building the pixel mask. */
    public static long pixelArea(boolean[] cells, int gridH, int gridW, int width, int height) {
        requireGrid(cells.length, gridH, gridW);
        pixelCount(width, height);
        long area = 0;
        for (int r = 0; r < gridH; r++) {
            long rows = firstPixel(r + 1, gridH, height) - firstPixel(r, gridH, height);
            for (int c = 0; c < gridW; c++) {
                if (cells[r * gridW + c]) {
                    area += rows * (firstPixel(c + 1, gridW, width) - firstPixel(c, gridW, width));
                }
            }
        }
        return area;
    }

    /** First pixel that maps to cell {@code cell} or later: {@code ceil(cell * pixels / cells)}. */
    static int firstPixel(int cell, int cells, int pixels) {
        return (int) -Math.floorDiv(-(long) cell * pixels, cells);
    }

    private static int[] cellIndexOfPixel(int cells, int pixels) {
        int[] cellOf = new int[pixels];
        for (int p = 0; p < pixels; p++) {
            cellOf[p] = (int) ((long) p * cells / pixels);
        }
        return cellOf;
    }

    private static void requireGrid(int length, int gridH, int gridW) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("the grid must be at least 1 x 1, got " + gridH + " x " + gridW);
        }
        if (length != (long) gridH * gridW) {
            throw new IllegalArgumentException(
                    "a " + gridH + " x " + gridW + " grid has " + (long) gridH * gridW + " cells, got " + length);
        }
    }

    private static int pixelCount(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "the frame must be at least 1 x 1 pixels, got " + width + " x " + height);
        }
        long count = (long) width * height;
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + width + " x " + height + " frame is too large for one array");
        }
        return (int) count;
    }
}
