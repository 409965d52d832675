package io.ultraline.defect;

/**
 * Folds a frame's raw-pixel scores into its token scores, the pixel map first scaled into
 * token-score units ({@link AppearanceChannel#scaleTo}). Frame score: the higher channel. Fine map
 * (one cell per input pixel): the token map bilinearly upsampled, each pixel keeping the higher
 * channel. Coarse map (per token cell, where regions grow): the token channel's, except that, as
 * in {@link ShiftedGridScores}, the cell under the highest pixel carries the pixel channel's frame
 * score, so a frame flagged by pixels alone still has a region seed. Regions do not grow on the
 * pixel channel: its cell means in normal areas sit near the growth level and spread regions over
 * the frame (region IoU fell to 0.02 on two surfaces, docs/evaluation.md); the pixel masks follow
 * the frame's colours anyway.
 */
final class AppearanceFusion {

    /** Fused scores; {@code fine} has {@code fineScale} cells per token cell and axis. */
    record Fused(float[] coarse, float[] fine, int fineScale, float frameScore) {
    }

    private AppearanceFusion() {
    }

    /**
     * @param tokens the token channel's scores
     * @param pixels the appearance channel's scores of the same frame
     * @param imageSize side of the square model input the pixel map covers
     * @param gridH token rows
     * @param gridW token columns
     * @param scale factor into token-score units
     */
    static Fused fuse(ShiftedGridScores tokens, AppearanceBank.Scores pixels, int imageSize,
            int gridH, int gridW, float scale) {
        int k = tokens.k();
        if (gridH != gridW || imageSize % gridW != 0) {
            throw new IllegalArgumentException("a " + imageSize + " px input does not split into " + gridH
                    + " x " + gridW + " token cells");
        }
        float[] map = pixels.pixelScores();
        float[] coarse = tokens.coarse().clone();
        float[] fine = PixelScoreMap.bilinear(tokens.fineMean(), gridH * k, gridW * k, imageSize, imageSize);
        for (int p = 0; p < fine.length; p++) {
            fine[p] = Math.max(fine[p], map[p] * scale);
        }
        int peak = 0;
        for (int p = 1; p < map.length; p++) {
            if (map[p] > map[peak]) {
                peak = p;
            }
        }
        float frame = pixels.frameScore() * scale;
        int cell = (peak / imageSize) / (imageSize / gridH) * gridW + (peak % imageSize) / (imageSize / gridW);
        coarse[cell] = Math.max(coarse[cell], frame);
        return new Fused(coarse, fine, imageSize / gridW, Math.max(tokens.frameScore(), frame));
    }
}
