package io.ultraline.defect;

import java.util.Arrays;

/**
 * A defect region on the token grid, as a {@link RegionFinder} decides it: its concept and its
 * patch tokens.
 *
 * @param conceptId the ULTra concept every token of the region carries, or {@link #NO_CONCEPT}
 *     for regions found without concepts
 * @param tokens the region's patch indices, row-major, ascending, non-empty (copied in and out)
 */
public record TokenRegion(int conceptId, int[] tokens) {

    /** Concept id of regions that were not cut from a concept. */
    public static final int NO_CONCEPT = -1;

    /** Checks that the tokens are non-empty and strictly ascending; copies them. */
    public TokenRegion {
        if (conceptId < NO_CONCEPT) {
            throw new IllegalArgumentException("concept id must be >= -1, got " + conceptId);
        }
        if (tokens == null || tokens.length == 0) {
            throw new IllegalArgumentException("a region needs at least one token");
        }
        tokens = tokens.clone();
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || (i > 0 && tokens[i] <= tokens[i - 1])) {
                throw new IllegalArgumentException("region tokens must be non-negative and strictly "
                        + "ascending, got " + Arrays.toString(tokens));
            }
        }
    }

    /** The region's tokens (a copy). */
    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of tokens. */
    public int size() {
        return tokens.length;
    }

    /** The region as a row-major cell mask of an {@code n}-cell grid. */
    public boolean[] cells(int n) {
        boolean[] cells = new boolean[n];
        for (int token : tokens) {
            cells[token] = true;
        }
        return cells;
    }

    /** The highest of {@code scores} over the region's tokens. */
    public float maxScore(float[] scores) {
        float max = Float.NEGATIVE_INFINITY;
        for (int token : tokens) {
            max = Math.max(max, scores[token]);
        }
        return max;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenRegion that && conceptId == that.conceptId && Arrays.equals(tokens, that.tokens);
    }

    @Override
    public int hashCode() {
        return 31 * conceptId + Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        return "TokenRegion[concept=" + conceptId + ", tokens=" + Arrays.toString(tokens) + "]";
    }
}
