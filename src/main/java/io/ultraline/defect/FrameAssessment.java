package io.ultraline.defect;

import java.util.Arrays;
import java.util.List;

/**
 * The verdict material of one frame against one profile: raw scores, the threshold they were
 * compared with, and the defect regions.
 *
 * @param gridHeight token rows
 * @param gridWidth token columns
 * @param frameScore highest token score
 * @param threshold the profile's threshold
 * @param tokenScores score of every patch token, row-major (copied in and out)
 * @param regions defect regions by descending score (ties: smaller first token first);
 *     non-empty exactly when the frame is defective
 */
public record FrameAssessment(int gridHeight, int gridWidth, float frameScore, float threshold,
        float[] tokenScores, List<DefectRegionResult> regions) {

    /** Copies the scores and regions. */
    public FrameAssessment {
        if (tokenScores == null || tokenScores.length != (long) gridHeight * gridWidth) {
            throw new IllegalArgumentException("expected " + (long) gridHeight * gridWidth
                    + " token scores");
        }
        tokenScores = tokenScores.clone();
        regions = List.copyOf(regions);
    }

    /** Whether the frame score exceeds the threshold. */
    public boolean isDefective() {
        return frameScore > threshold;
    }

    /** The token scores (a copy). */
    @Override
    public float[] tokenScores() {
        return tokenScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameAssessment that && gridHeight == that.gridHeight
                && gridWidth == that.gridWidth && Float.compare(frameScore, that.frameScore) == 0
                && Float.compare(threshold, that.threshold) == 0
                && Arrays.equals(tokenScores, that.tokenScores) && regions.equals(that.regions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokenScores) + regions.hashCode();
    }

    @Override
    public String toString() {
        return "FrameAssessment[" + gridHeight + "x" + gridWidth + ", score=" + frameScore
                + ", threshold=" + threshold + ", regions=" + regions.size() + "]";
    }
}
