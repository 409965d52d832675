package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibrates an {@link AppearanceChannel} from quantised model inputs of good frames, with the
 * token channel's fold rule ({@link ProfileBuilder}): contiguous folds, each scored against a
 * bank of the other folds built exactly like the final one. All banks share the principal axes
 * of every frame: the axes are a projection, not a memory of patches, so sharing them leaks no
 * held-out patch into a bank.
 */
final class AppearanceCalibration {

    private AppearanceCalibration() {}

    /**
     * @param tokenHeldOut the token channel's held-out scores of the same frames
     */
    static AppearanceChannel calibrate(List<byte[]> inputs, float[] tokenHeldOut, ProfileConfig config) {
        AppearanceConfig appearance = config.appearance();
        int size = sideOf(inputs.get(0));
        List<float[]> frames = new ArrayList<>(inputs.size());
        for (byte[] input : inputs) {
            if (input.length != inputs.get(0).length) {
                throw new IllegalArgumentException("calibration inputs differ in size: " + input.length + " and "
                        + inputs.get(0).length + " bytes");
            }
            frames.add(AppearanceBank.expand(input));
        }
        PrincipalAxes axes = AppearanceBank.axesOf(frames, size, appearance.components());
        int k = frames.size();
        float[] heldOut = new float[k];
        int[] bounds = config.foldBounds(k);
        for (int fold = 0; fold + 1 < bounds.length; fold++) {
            int from = bounds[fold];
            int to = bounds[fold + 1];
            List<float[]> others = new ArrayList<>(frames.subList(0, from));
            others.addAll(frames.subList(to, k));
            AppearanceBank bank = AppearanceBank.fit(others, size, axes, appearance.maxPatches(), config.seed());
            for (int i = from; i < to; i++) {
                heldOut[i] = bank.score(frames.get(i)).frameScore();
            }
        }
        float threshold = Quantiles.linear(heldOut, config.quantile()) * config.margin();
        float tokenThreshold = Quantiles.linear(tokenHeldOut, config.quantile()) * config.margin();
        AppearanceBank bank = AppearanceBank.fit(frames, size, axes, appearance.maxPatches(), config.seed());
        return new AppearanceChannel(
                bank, heldOut, threshold, AppearanceChannel.scaleFor(tokenThreshold, threshold), tokenHeldOut);
    }

    /** Side of a square RGB input of {@code bytes.length} bytes. */
    static int sideOf(byte[] input) {
        int side = (int) Math.round(Math.sqrt(input.length / 3.0));
        if (side < AppearanceBank.PATCH || side * side * 3 != input.length) {
            throw new IllegalArgumentException("a calibration input of " + input.length
                    + " bytes is not a square RGB image of at least " + AppearanceBank.PATCH + " px");
        }
        return side;
    }
}
