package io.ultraline.defect;

import java.util.List;

/**
 * What a {@link PixelMasker} knows of one frame: its pixels, its token scores and concept labels
 * on the grid, the threshold, and every region the frame's {@link RegionFinder} decided (so the
 * background next to one region never includes another).
 *
 * @param pixels the frame's colours; masks come out at this resolution
 * @param scores token scores, row-major {@code gridH * gridW}
 * @param labels concept label of every token, same layout
 * @param gridH token rows
 * @param gridW token columns
 * @param threshold the profile's threshold
 * @param regions the frame's regions
 */
public record RegionContext(
        FramePixels pixels,
        float[] scores,
        int[] labels,
        int gridH,
        int gridW,
        float threshold,
        List<TokenRegion> regions) {

    /** Checks the grid sizes. */
    public RegionContext {
        GridComponents.requireGrid(scores, labels, gridH, gridW, threshold);
        if (pixels == null) {
            throw new IllegalArgumentException("pixels are required");
        }
        if (pixels.width() < gridW || pixels.height() < gridH) {
            throw new IllegalArgumentException("a " + pixels.width() + " x " + pixels.height()
                    + " frame is smaller than the " + gridW + " x " + gridH + " token grid");
        }
        regions = List.copyOf(regions);
    }

    /** Grid cell (row-major token index) that pixel {@code p} falls in, as in nearest upsampling. */
    public int cellOf(int p) {
        int w = pixels.width();
        int row = (int) ((long) (p / w) * gridH / pixels.height());
        int col = (int) ((long) (p % w) * gridW / w);
        return row * gridW + col;
    }

    /** Every pixel's cell, row-major. */
    public int[] cellOfPixels() {
        int[] out = new int[pixels.size()];
        for (int p = 0; p < out.length; p++) {
            out[p] = cellOf(p);
        }
        return out;
    }

    /** Cells of any region. */
    public boolean[] regionCells() {
        boolean[] out = new boolean[gridH * gridW];
        for (TokenRegion r : regions) {
            for (int t : r.tokens()) {
                out[t] = true;
            }
        }
        return out;
    }
}
