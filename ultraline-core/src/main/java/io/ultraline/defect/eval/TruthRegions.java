package io.ultraline.defect.eval;

import io.ultraline.defect.PixelComponents;
import java.util.List;

/**
 * Splits a ground-truth defect mask into regions. Pixels whose neighbourhoods (within
 * {@code joinRadius} pixels, Chebyshev) touch belong to one region, so the speckled mask of a
 * single misprint or dent stays one region; each region keeps only its own mask pixels.
 */
public final class TruthRegions {

    private TruthRegions() {}

    public static List<boolean[]> of(boolean[] mask, int width, int height, int joinRadius) {
        return PixelComponents.of(mask, width, height, joinRadius);
    }
}
