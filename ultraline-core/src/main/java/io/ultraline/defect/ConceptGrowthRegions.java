package io.ultraline.defect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Defect regions found by token scores and completed by ULTra concepts.
 *
 * <ol>
 *   <li>Cores are the 4-connected components of tokens scoring above the threshold, as in plain
 *       thresholding: a defect is never cut apart where it crosses a concept border.
 *   <li>Each core grows over 4-neighbours that score above {@code lowFactor * threshold} and
 *       carry one of the core's own concepts. The fainter border of a defect joins its region
 *       when ULTra groups it with the defect's tokens; faint background next to it does not.
 *   <li>Cores that meet while growing become one region. The region's concept is the one most
 *       of its tokens carry (lowest id on ties).
 * </ol>
 *
 * Cores are taken in ascending order of their first token, so the result is deterministic.
 */
public final class ConceptGrowthRegions implements RegionFinder {

    private final RegionConfig config;

    public ConceptGrowthRegions(RegionConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    @Override
    public List<TokenRegion> find(float[] scores, int[] labels, int gridH, int gridW, float threshold) {
        GridComponents.requireGrid(scores, labels, gridH, gridW, threshold);
        int n = gridH * gridW;
        float low = config.lowFactor() * threshold;
        boolean[] taken = new boolean[n];
        List<TokenRegion> regions = new ArrayList<>();
        for (int seed = 0; seed < n; seed++) {
            if (taken[seed] || !(scores[seed] > threshold)) {
                continue;
            }
            int[] core = GridComponents.grow(seed, gridH, gridW, j -> scores[j] > threshold);
            Set<Integer> concepts = new HashSet<>();
            for (int t : core) {
                concepts.add(labels[t]);
            }
            int[] region = GridComponents.grow(
                    seed,
                    gridH,
                    gridW,
                    j -> scores[j] > threshold || (scores[j] > low && concepts.contains(labels[j])));
            for (int t : region) {
                taken[t] = true;
            }
            regions.add(new TokenRegion(majorityConcept(region, labels), region));
        }
        return regions;
    }

    private static int majorityConcept(int[] region, int[] labels) {
        java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
        for (int t : region) {
            counts.merge(labels[t], 1, Integer::sum);
        }
        int best = -1;
        int bestCount = -1;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }
}
