package io.ultraline.ultra.eval;

import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.TargetStrategy;
import io.ultraline.ultra.UltraSegmenter;

/**
 * How far a segmentation from T target maps agrees with the one from all N (issue 21). Sparse maps
 * are exactly rows of the full set (the model computes each target's map independently), so the
 * study takes them from the N maps instead of running the model once per T.
 */
public final class SparseAgreement {

    private SparseAgreement() {}

    /**
     * The segmentation from the targets' rows of all N maps.
     *
     * @param allMaps {@code float[N][N]} maps of every patch token, before the self-entry fix
     * @param tokens  the N patch tokens, row-major (the joint concept step reads them)
     */
    public static Segmentation sparse(
            UltraSegmenter segmenter, float[][] allMaps, float[] tokens, int[] targets, int gridH, int gridW) {
        float[][] rows = new float[targets.length][];
        for (int k = 0; k < targets.length; k++) {
            rows[k] = allMaps[targets[k]];
        }
        return segmenter.segment(rows, targets, tokens, gridH, gridW);
    }

    /** The sparse segmentation of one frame with targets chosen by {@code strategy}. */
    public static Segmentation sparse(
            UltraSegmenter segmenter,
            float[][] allMaps,
            float[] tokens,
            int dim,
            TargetStrategy strategy,
            int t,
            float[] tokenScores,
            int gridH,
            int gridW) {
        int[] targets = strategy.choose(tokens, gridH * gridW, dim, t, tokenScores);
        return sparse(segmenter, allMaps, tokens, targets, gridH, gridW);
    }

    /** Adjusted Rand index of the patch labels of two segmentations of one grid (1 = same partition). */
    public static double ari(Segmentation a, Segmentation b) {
        if (a.gridHeight() != b.gridHeight() || a.gridWidth() != b.gridWidth()) {
            throw new IllegalArgumentException("segmentations of different grids: " + a.gridHeight() + "x"
                    + a.gridWidth() + " and " + b.gridHeight() + "x" + b.gridWidth());
        }
        return SegmentationScores.of(a.labels(), b.labels()).ari();
    }
}
