package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;

/**
 * Defect regions shaped by ULTra concepts and decided by token scores (the default rule).
 *
 * <ol>
 *   <li>Seeds are the tokens whose score exceeds the threshold.
 *   <li>From each seed, the region grows over 4-neighbours that carry the seed's concept and
 *       score above {@code lowFactor * threshold}: hysteresis, as in edge detection, so a defect
 *       whose border tokens score a little lower is kept whole, but constrained to one concept,
 *       so the region stops where ULTra sees another part of the scene, however high the scores
 *       there (a defect across two concepts gives one region per concept).
 *   <li>Whole small concepts: when the seed's 4-connected component of its concept covers fewer
 *       than {@code maxConceptFraction} of the grid's tokens, the whole component is the region.
 *       A small, separate concept around a seed is ULTra outlining the defect itself (a scratch,
 *       a missing part); large components are background or the product body, where only the
 *       hysteresis part is taken.
 * </ol>
 *
 * Seeds are visited in ascending token order; a seed already inside a region starts none, so
 * regions are disjoint and every region holds at least one seed. Defaults:
 * {@link RegionConfig#defaults()} (0.6, 0.25), a reasoned starting point for the evaluation to
 * tune, not a measured optimum: the threshold is set by the single worst token of good frames,
 * so a typical good token scores well below it and 0.6 of it still excludes most of them while
 * following a defect's fainter border; a quarter of the grid is larger than a defect usually
 * is and smaller than the background or the product body.
 */
public final class ConceptHysteresisRegions implements RegionFinder {

    private final RegionConfig config;

    /** The rule with the given parameters. */
    public ConceptHysteresisRegions(RegionConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    /** The parameters. */
    public RegionConfig config() {
        return config;
    }

    @Override
    public List<TokenRegion> find(float[] scores, int[] labels, int gridH, int gridW, float threshold) {
        GridComponents.requireGrid(scores, labels, gridH, gridW, threshold);
        int n = gridH * gridW;
        float low = config.lowFactor() * threshold;
        double wholeBelow = (double) config.maxConceptFraction() * n;
        boolean[] taken = new boolean[n];
        List<TokenRegion> regions = new ArrayList<>();
        for (int seed = 0; seed < n; seed++) {
            if (taken[seed] || !(scores[seed] > threshold)) {
                continue;
            }
            int concept = labels[seed];
            int[] component = GridComponents.grow(seed, gridH, gridW, j -> labels[j] == concept);
            int[] region = component.length < wholeBelow
                    ? component
                    : GridComponents.grow(seed, gridH, gridW, j -> labels[j] == concept && scores[j] > low);
            for (int token : region) {
                taken[token] = true;
            }
            regions.add(new TokenRegion(concept, region));
        }
        return regions;
    }
}
