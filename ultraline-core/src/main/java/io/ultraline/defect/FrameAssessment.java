package io.ultraline.defect;

import io.ultraline.ultra.MaskUpsampling;
import java.util.ArrayList;
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
 * @param fineScale fine score cells per token cell and axis (1 without shifted grids)
 * @param fineScores mean scores on the fine grid of {@code gridHeight * fineScale} rows, the
 *     sharper map for pixels (see {@link ShiftedGridScores})
 */
public record FrameAssessment(
        int gridHeight,
        int gridWidth,
        float frameScore,
        float threshold,
        float[] tokenScores,
        List<DefectRegionResult> regions,
        int fineScale,
        float[] fineScores) {

    /** Copies the scores and regions. */
    public FrameAssessment {
        if (tokenScores == null || tokenScores.length != (long) gridHeight * gridWidth) {
            throw new IllegalArgumentException("expected " + (long) gridHeight * gridWidth + " token scores");
        }
        if (fineScale < 1
                || fineScores == null
                || fineScores.length != (long) gridHeight * gridWidth * fineScale * fineScale) {
            throw new IllegalArgumentException("expected " + fineScale + "^2 fine scores per token");
        }
        tokenScores = tokenScores.clone();
        fineScores = fineScores.clone();
        regions = List.copyOf(regions);
    }

    /** An assessment on the plain token grid: the fine map is the token map. */
    public FrameAssessment(
            int gridHeight,
            int gridWidth,
            float frameScore,
            float threshold,
            float[] tokenScores,
            List<DefectRegionResult> regions) {
        this(gridHeight, gridWidth, frameScore, threshold, tokenScores, regions, 1, tokenScores);
    }

    /** The fine scores (a copy). */
    @Override
    public float[] fineScores() {
        return fineScores.clone();
    }

    /** The fine scores bilinear to a {@code width x height} frame's pixels: the frame's heat map. */
    public float[] pixelMap(int width, int height) {
        return PixelScoreMap.bilinear(fineScores, gridHeight * fineScale, gridWidth * fineScale, width, height);
    }

    /**
     * The regions on a {@code width x height} frame's pixels: each region's pixel mask where it was
     * made at that size, else its tokens, nearest-neighbour upsampled.
     */
    public List<boolean[]> regionMasks(int width, int height) {
        List<boolean[]> out = new ArrayList<>(regions.size());
        for (DefectRegionResult d : regions) {
            out.add(
                    d.pixelMask() != null
                                    && d.pixelMask().gridWidth() == width
                                    && d.pixelMask().gridHeight() == height
                            ? d.pixelMask().decode()
                            : MaskUpsampling.pixelMask(d.mask().decode(), gridHeight, gridWidth, width, height));
        }
        return out;
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
        return other instanceof FrameAssessment that
                && gridHeight == that.gridHeight
                && gridWidth == that.gridWidth
                && Float.compare(frameScore, that.frameScore) == 0
                && Float.compare(threshold, that.threshold) == 0
                && Arrays.equals(tokenScores, that.tokenScores)
                && regions.equals(that.regions)
                && fineScale == that.fineScale
                && Arrays.equals(fineScores, that.fineScores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(tokenScores) + regions.hashCode();
    }

    @Override
    public String toString() {
        return "FrameAssessment[" + gridHeight + "x" + gridWidth + ", score=" + frameScore + ", threshold=" + threshold
                + ", regions=" + regions.size() + "]";
    }
}
