package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;

/**
 * The baseline without concepts: every 4-connected component of tokens scoring above the
 * threshold is a region, with concept id {@link TokenRegion#NO_CONCEPT}. The evaluation reports
 * it next to {@link ConceptHysteresisRegions} (its {@code baseline_} metrics) to show what the
 * concepts add.
 */
public final class TokenThresholdRegions implements RegionFinder {

    @Override
    public List<TokenRegion> find(float[] scores, int[] labels, int gridH, int gridW, float threshold) {
        GridComponents.requireGrid(scores, labels, gridH, gridW, threshold);
        int n = gridH * gridW;
        boolean[] taken = new boolean[n];
        List<TokenRegion> regions = new ArrayList<>();
        for (int seed = 0; seed < n; seed++) {
            if (taken[seed] || !(scores[seed] > threshold)) {
                continue;
            }
            int[] region = GridComponents.grow(seed, gridH, gridW, j -> scores[j] > threshold);
            for (int token : region) {
                taken[token] = true;
            }
            regions.add(new TokenRegion(TokenRegion.NO_CONCEPT, region));
        }
        return regions;
    }
}
