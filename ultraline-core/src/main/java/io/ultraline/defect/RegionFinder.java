package io.ultraline.defect;

import java.util.List;

/**
 * Decides which patch tokens of one frame form defect regions, from the token scores and
 * (where the rule uses them) the ULTra concept labels. Implementations are stateless and
 * thread-safe, and return disjoint regions ordered by their smallest token.
 *
 * <p>Every rule here creates a region only around a token whose score exceeds the threshold, so
 * a frame has a region exactly when its frame score exceeds the threshold.
 */
public interface RegionFinder {

    /**
     * Finds the regions of one frame.
     *
     * @param scores token scores, {@code float[gridH * gridW]}, row-major
     * @param labels concept label of every token, same layout (the baseline ignores them)
     * @param gridH token rows
     * @param gridW token columns
     * @param threshold the profile's threshold
     * @return the regions, possibly none
     */
    List<TokenRegion> find(float[] scores, int[] labels, int gridH, int gridW, float threshold);
}
