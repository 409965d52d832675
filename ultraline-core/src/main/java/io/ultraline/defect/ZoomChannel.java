package io.ultraline.defect;

import java.util.Arrays;

/**
 * The zoomed token channel of a {@link ReferenceProfile} (issue 17, multi-scale inputs): the
 * frame as the model saw it, enlarged {@code scale} times and cut into {@code scale x scale}
 * model-sized tiles, each tile's plain-view tokens scored against a bank of the calibration
 * frames' tile tokens. A token of a tile spans {@code patch / scale} pixels of the model input
 * instead of {@code patch}: the size of the stones, grains and grout lines that a 16 px token
 * averages away (terrazzo image AUROC 0.916 to 0.978, docs/evaluation.md).
 *
 * <p>Fusion ({@link ZoomFusion}): a zoom score {@code z} counts as {@code z * weight} in the units
 * of the profile's other channels, {@code weight} being their own threshold over this channel's,
 * so that both weigh alike at their thresholds; a frame scores the mean of the two. The profile's
 * held-out scores and threshold are those of that mean.
 *
 * <p>Storage: the bank is a {@link PlaceBank} of one place, 8 bits a component, so it holds four
 * times the tokens a float32 bank of the same bytes would; nearest-token distances are taken on
 * its decoded tokens.
 *
 * @param scale enlargement, 2 or more: {@code scale x scale} tiles a frame
 * @param bank the normal tile tokens, one place
 * @param calibrationScores held-out zoom frame score of every calibration frame, in frame order
 *     (copied)
 * @param threshold this channel's own threshold: the profile's quantile of those scores, no margin
 * @param weight factor from zoom scores into the units of the profile's other channels
 * @param baseCalibrationScores the held-out scores the profile had without this channel (copied)
 */
public record ZoomChannel(
        int scale,
        PlaceBank bank,
        float[] calibrationScores,
        float threshold,
        float weight,
        float[] baseCalibrationScores) {

    /** Largest enlargement accepted: 16 tiles a frame is already 16 forward passes. */
    public static final int MAX_SCALE = 4;

    /** Checks the parts and copies the scores. */
    public ZoomChannel {
        if (scale < 2 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("a zoom channel enlarges 2 to " + MAX_SCALE + " times, got " + scale);
        }
        if (bank == null || bank.places() != 1) {
            throw new IllegalArgumentException("a zoom channel needs a bank of one place, got " + bank);
        }
        if (calibrationScores == null
                || calibrationScores.length == 0
                || baseCalibrationScores == null
                || baseCalibrationScores.length != calibrationScores.length) {
            throw new IllegalArgumentException(
                    "a zoom channel needs one zoom and one base calibration score per frame");
        }
        calibrationScores = checked(calibrationScores, "zoom calibration score");
        baseCalibrationScores = checked(baseCalibrationScores, "base calibration score");
        if (!(threshold >= 0f) || !Float.isFinite(threshold) || !(weight >= 0f) || !Float.isFinite(weight)) {
            throw new IllegalArgumentException(
                    "zoom threshold and weight must be finite and >= 0, got " + threshold + " and " + weight);
        }
    }

    private static float[] checked(float[] scores, String what) {
        for (float s : scores) {
            if (!(s >= 0f) || !Float.isFinite(s)) {
                throw new IllegalArgumentException(what + " must be finite and >= 0, got " + s);
            }
        }
        return scores.clone();
    }

    /** Tile tokens a frame brings: {@code scale * scale} tiles of {@code tokensPerTile} tokens. */
    public int tokensPerFrame(int tokensPerTile) {
        return scale * scale * tokensPerTile;
    }

    /**
     * Each zoom cell's distance to the nearest normal tile token, on the zoomed grid of
     * {@code scale * gridH} rows and {@code scale * gridW} columns, row-major.
     *
     * @param tileTokens the frame's tile tokens: tiles row-major over the enlarged frame, each tile's
     *     {@code gridH * gridW} tokens row-major, {@code dim} floats each
     * @throws IllegalArgumentException if the token count or dimension does not fit
     */
    public float[] cellScores(float[] tileTokens, int dim, int gridH, int gridW) {
        int perTile = gridH * gridW;
        if (dim != bank.dim() || tileTokens == null || tileTokens.length != (long) tokensPerFrame(perTile) * dim) {
            throw new IllegalArgumentException("a " + scale + "x zoom channel over a " + gridH + " x " + gridW
                    + " grid needs " + tokensPerFrame(perTile) + " tile tokens of dimension " + bank.dim() + ", got "
                    + (tileTokens == null ? "none" : tileTokens.length + " floats of dimension " + dim));
        }
        float[] distances = bank.memoryBank().nearestDistances(tileTokens);
        int cols = scale * gridW;
        float[] cells = new float[distances.length];
        for (int tile = 0; tile < scale * scale; tile++) {
            for (int k = 0; k < perTile; k++) {
                int row = (tile / scale) * gridH + k / gridW;
                int col = (tile % scale) * gridW + k % gridW;
                cells[row * cols + col] = distances[tile * perTile + k];
            }
        }
        return cells;
    }

    /** A frame's score in this channel's own units: its highest cell. */
    public static float frameScore(float[] cells) {
        return TokenScorer.frameScore(cells);
    }

    /** The fused score of a base score and a zoom score: their mean in base units. */
    public float fuse(float baseScore, float zoomScore) {
        return (baseScore + zoomScore * weight) / 2f;
    }

    @Override
    public float[] calibrationScores() {
        return calibrationScores.clone();
    }

    @Override
    public float[] baseCalibrationScores() {
        return baseCalibrationScores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ZoomChannel that
                && scale == that.scale
                && bank.equals(that.bank)
                && Arrays.equals(calibrationScores, that.calibrationScores)
                && Float.compare(threshold, that.threshold) == 0
                && Float.compare(weight, that.weight) == 0
                && Arrays.equals(baseCalibrationScores, that.baseCalibrationScores);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * scale + bank.hashCode()) + Float.hashCode(weight);
    }

    @Override
    public String toString() {
        return "zoom " + scale + "x (" + bank.perPlace() + " tile tokens, threshold " + threshold + ", weight " + weight
                + ")";
    }
}
