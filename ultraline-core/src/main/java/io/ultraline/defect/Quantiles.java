package io.ultraline.defect;

import java.util.Arrays;

/**
 * The empirical quantile used for thresholds: linear interpolation between order statistics at
 * position {@code q * (n - 1)} (numpy's and R's default, "type 7"). With fewer than
 * {@code 1 / (1 - q)} values a high quantile lies between the two highest values, so small
 * calibrations behave almost like taking the maximum; {@code q = 1} is exactly the maximum.
 */
final class Quantiles {

    private Quantiles() {}

    /** Quantile {@code q} in [0, 1] of a non-empty array (not modified). */
    static float linear(float[] values, float q) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the quantile of no values is undefined");
        }
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = (double) q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        return (float) (sorted[below] + fraction * ((double) sorted[above] - sorted[below]));
    }
}
