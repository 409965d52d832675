package io.ultraline.defect;

import java.util.List;

/**
 * Calibrates a {@link ZoomChannel} from good frames' tile tokens, with the token channel's fold
 * rule ({@link ProfileBuilder}): contiguous folds, each frame scored against a bank of the other
 * folds built exactly like the final one (same coreset size, same 8-bit rounding).
 */
final class ZoomCalibration {

    private ZoomCalibration() {}

    /**
     * @param tiles every calibration frame's tile tokens, all of one length
     * @param scale the enlargement the tiles were cut at
     * @param bankSize tile tokens the bank keeps (greedy coreset)
     * @param baseHeldOut the held-out scores of the profile's other channels, fused
     */
    static ZoomChannel calibrate(
            List<float[]> tiles, int scale, int dim, int bankSize, float[] baseHeldOut, ProfileConfig config) {
        int k = tiles.size();
        for (float[] t : tiles) {
            MemoryBank.requireTokens(t, dim, "calibration frame tiles");
            if (t.length != tiles.get(0).length) {
                throw new IllegalArgumentException("calibration frames brought tile tokens of different lengths: "
                        + t.length + " and " + tiles.get(0).length + " floats");
            }
        }
        float[] heldOut = new float[k];
        int[] bounds = config.foldBounds(k);
        for (int fold = 0; fold + 1 < bounds.length; fold++) {
            int from = bounds[fold];
            int to = bounds[fold + 1];
            MemoryBank bank =
                    bankOf(tiles, from, to, dim, bankSize, config.seed()).memoryBank();
            for (int frame = from; frame < to; frame++) {
                heldOut[frame] = TokenScorer.frameScore(bank.nearestDistances(tiles.get(frame)));
            }
        }
        float threshold = Math.max(Quantiles.linear(heldOut, config.quantile()), AppearanceChannel.MIN_THRESHOLD);
        float base = Quantiles.linear(baseHeldOut, config.quantile()) * config.margin();
        return new ZoomChannel(
                scale,
                bankOf(tiles, 0, 0, dim, bankSize, config.seed()),
                heldOut,
                threshold,
                base / threshold,
                baseHeldOut);
    }

    /** The 8-bit coreset bank of every frame outside {@code [skipFrom, skipTo)}. */
    private static PlaceBank bankOf(List<float[]> tiles, int skipFrom, int skipTo, int dim, int size, long seed) {
        float[] tokens = ProfileBuilder.tokensOf(tiles, i -> i < skipFrom || i >= skipTo);
        CoresetSelector selector = new CoresetSelector(size, CoresetSelector.DEFAULT_PROJECTION_DIM, seed);
        float[] kept = CoresetSelector.gather(tokens, dim, selector.select(tokens, dim));
        return PlaceBank.quantised(kept, 1, kept.length / dim, dim);
    }
}
