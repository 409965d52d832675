package io.ultraline.defect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tokens next to a region that teach {@link AppearanceMasker} what the surface looks like
 * there: tokens no region claims, a ring of them around the region's cells. Which ones:
 *
 * <ul>
 *   <li>{@link AppearanceMasker.Background#GEOMETRIC}: those scoring at most 0.6 of the threshold
 *       (higher ones are often the defect's faint border), the ring widened until it holds three;
 *   <li>{@link AppearanceMasker.Background#CONCEPT}: as geometric, also leaving out tokens of the
 *       region's small ULTra concepts;
 *   <li>{@link AppearanceMasker.Background#NEAREST}: the nearest ring that holds three free
 *       tokens, and of it those at most 0.6 of the threshold when there are three, else its five
 *       lowest-scoring ones. Where the scores stay high around a defect (a smooth painted surface)
 *       the geometric ring widens three to six tokens out, to colours the defect's surroundings do
 *       not have, and the mask swells to many times the defect (docs/evaluation.md).
 * </ul>
 */
final class BackgroundRing {

    /** Tokens above this share of the threshold are often a defect's faint border: not background. */
    static final float RING_SCORE = 0.6f;
    /** Two tokens are the least that show a texture's spread; a ring needs three. */
    private static final int MIN_TOKENS = 3;
    /** When the nearest ring has too few low tokens, this many of its lowest-scoring ones. */
    private static final int LOWEST = 5;

    private BackgroundRing() {}

    /**
     * The background cells of a region.
     *
     * @param cells the region's cells
     * @param ringFrom the ring starts this many tokens (Chebyshev) from the region
     * @return background cells, all false when the grid has none
     */
    static boolean[] of(
            AppearanceMasker.Background kind, RegionContext frame, TokenRegion region, boolean[] cells, int ringFrom) {
        boolean[] taken = frame.regionCells();
        boolean[] defectConcept =
                kind == AppearanceMasker.Background.CONCEPT ? smallConceptsOf(region, frame.labels()) : new boolean[0];
        int[] labels = frame.labels();
        float[] scores = frame.scores();
        float low = RING_SCORE * frame.threshold();
        boolean[] inner =
                ringFrom == 1 ? cells : PixelMorphology.dilate(cells, frame.gridH(), frame.gridW(), ringFrom - 1);
        for (int radius = ringFrom; radius <= Math.max(frame.gridH(), frame.gridW()); radius++) {
            boolean[] near = PixelMorphology.dilate(cells, frame.gridH(), frame.gridW(), radius);
            List<Integer> free = new ArrayList<>();
            int lowCount = 0;
            for (int c = 0; c < cells.length; c++) {
                if (near[c]
                        && !inner[c]
                        && !taken[c]
                        && !(labels[c] < defectConcept.length && defectConcept[labels[c]])) {
                    free.add(c);
                    lowCount += scores[c] > low ? 0 : 1;
                }
            }
            boolean nearest = kind == AppearanceMasker.Background.NEAREST;
            if (lowCount < MIN_TOKENS && !(nearest && free.size() >= MIN_TOKENS)) {
                continue;
            }
            boolean[] ring = new boolean[cells.length];
            if (lowCount >= MIN_TOKENS) {
                free.forEach(c -> ring[c] = !(scores[c] > low));
            } else {
                free.sort((a, b) -> Float.compare(scores[a], scores[b]));
                free.subList(0, Math.min(free.size(), LOWEST)).forEach(c -> ring[c] = true);
            }
            return ring;
        }
        return new boolean[cells.length];
    }

    /** Concepts of the region's tokens that cover less than a quarter of the grid. */
    private static boolean[] smallConceptsOf(TokenRegion region, int[] labels) {
        int[] sizes = new int[Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            sizes[l]++;
        }
        boolean[] out = new boolean[sizes.length];
        for (int t : region.tokens()) {
            // a concept that covers much of the frame is the surface itself, never the defect
            out[labels[t]] = sizes[labels[t]] < labels.length / 4;
        }
        return out;
    }
}
