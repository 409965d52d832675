package io.ultraline.defect;

import io.ultraline.ultra.Segmentation;

/**
 * The explanation of a defect region: the aggregated relevance map of its tokens (docs/design.md section 2).
 * With sparse targets (issue 21) only some tokens have a map of their own: the region's explanation
 * then sums the maps of the region tokens that have one, and, when none has, the concept maps of
 * the concepts its tokens carry, which every patch has because labelling covers all patches.
 */
final class RegionRelevance {

    private RegionRelevance() {}

    /** {@code float[N]}, unnormalised: a sum of fixed maps or of concept maps. */
    static float[] of(TokenRegion region, Segmentation segmentation) {
        int n = segmentation.gridHeight() * segmentation.gridWidth();
        float[] relevance = new float[n];
        boolean any = false;
        for (int token : region.tokens()) {
            float[] own = segmentation.fixedMapOf(token);
            if (own != null) {
                add(relevance, own);
                any = true;
            }
        }
        if (!any) {
            float[][] concepts = segmentation.conceptMaps();
            for (int token : region.tokens()) {
                add(relevance, concepts[segmentation.label(token)]);
            }
        }
        return relevance;
    }

    private static void add(float[] sum, float[] map) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += map[j];
        }
    }
}
