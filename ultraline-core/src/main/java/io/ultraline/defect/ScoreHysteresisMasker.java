package io.ultraline.defect;

/**
 * Pixel hysteresis on the bilinearly upsampled token scores ({@link PixelScoreMap#bilinear}):
 * inside the region's tokens and one token around them, pixels above {@code lowFactor *
 * threshold} that connect to a pixel above the threshold. Needs no colours, so it is the
 * concept-free and colour-free reference; the score map is smooth at token scale, so its edges
 * stay about a token wide.
 */
public final class ScoreHysteresisMasker implements PixelMasker {

    private final float lowFactor;

    /** lowFactor in (0, 1]. */
    public ScoreHysteresisMasker(float lowFactor) {
        if (!(lowFactor > 0f && lowFactor <= 1f)) {
            throw new IllegalArgumentException("lowFactor must be in (0, 1], got " + lowFactor);
        }
        this.lowFactor = lowFactor;
    }

    @Override
    public boolean[] mask(RegionContext frame, TokenRegion region) {
        FramePixels px = frame.pixels();
        int w = px.width();
        int h = px.height();
        boolean[] near =
                PixelMorphology.dilate(region.cells(frame.gridH() * frame.gridW()), frame.gridH(), frame.gridW(), 1);
        float[] map = PixelScoreMap.bilinear(frame.scores(), frame.gridH(), frame.gridW(), w, h);
        float low = lowFactor * frame.threshold();
        boolean[] candidate = new boolean[w * h];
        boolean[] high = new boolean[w * h];
        int[] cellOf = frame.cellOfPixels();
        for (int p = 0; p < candidate.length; p++) {
            if (near[cellOf[p]]) {
                candidate[p] = map[p] > low;
                high[p] = map[p] > frame.threshold();
            }
        }
        boolean[] out = PixelMorphology.keepAnchored(candidate, high, h, w);
        return PixelMorphology.count(out) > 0 ? out : PixelMasker.tokenBlocks().mask(frame, region);
    }
}
