package io.ultraline.defect;

/**
 * Folds a frame's zoom cells ({@link ZoomChannel#cellScores}) into its other channels' fused
 * scores; every fused value is the mean of the two in base units ({@link ZoomChannel#fuse}).
 *
 * <ul>
 *   <li>Frame score: the mean of the base frame score and the highest zoom cell.
 *   <li>Fine map: both maps bilinearly resampled to a common fine grid (the base one where the
 *       zoom grid divides it, as a pixel map does), then averaged.
 *   <li>Coarse map, per token cell, where regions grow: the mean of the base cell and the highest
 *       zoom cell inside it, capped at the frame score; the cell under the fine map's peak carries
 *       the frame score, so a flagged frame always has a region seed.
 * </ul>
 */
final class ZoomFusion {

    private ZoomFusion() {}

    static AppearanceFusion.Fused fuse(
            AppearanceFusion.Fused base, float[] zoomCells, ZoomChannel zoom, int gridH, int gridW) {
        int s = zoom.scale();
        if (zoomCells.length != s * gridH * s * gridW) {
            throw new IllegalArgumentException("a " + s + "x zoom over a " + gridH + " x " + gridW + " grid has "
                    + s * gridH * s * gridW + " cells, got " + zoomCells.length);
        }
        int baseScale = base.fineScale();
        int fineScale = baseScale % s == 0 ? baseScale : lcm(baseScale, s);
        int fh = gridH * fineScale;
        int fw = gridW * fineScale;
        float[] fine = baseScale == fineScale
                ? base.fine().clone()
                : PixelScoreMap.bilinear(base.fine(), gridH * baseScale, gridW * baseScale, fw, fh);
        float[] zoomFine = PixelScoreMap.bilinear(zoomCells, s * gridH, s * gridW, fw, fh);
        int peak = 0;
        for (int p = 0; p < fine.length; p++) {
            fine[p] = zoom.fuse(fine[p], zoomFine[p]);
            if (fine[p] > fine[peak]) {
                peak = p;
            }
        }
        float frame = zoom.fuse(base.frameScore(), ZoomChannel.frameScore(zoomCells));
        float[] coarse = new float[gridH * gridW];
        for (int c = 0; c < coarse.length; c++) {
            float highest = 0f;
            int row = c / gridW;
            int col = c % gridW;
            for (int dy = 0; dy < s; dy++) {
                for (int dx = 0; dx < s; dx++) {
                    highest = Math.max(highest, zoomCells[(row * s + dy) * s * gridW + col * s + dx]);
                }
            }
            // capped at the frame score: a cell above the threshold must mean a flagged frame
            coarse[c] = Math.min(zoom.fuse(base.coarse()[c], highest), frame);
        }
        int cell = (peak / fw) / fineScale * gridW + (peak % fw) / fineScale;
        coarse[cell] = Math.max(coarse[cell], frame);
        return new AppearanceFusion.Fused(coarse, fine, fineScale, frame);
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
