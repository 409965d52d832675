package io.ultraline.defect;

import java.util.List;

/**
 * Whether a camera's tokens are scored by place ({@link PlaceBank}), decided at calibration
 * without labels and recorded in the profile, so that an audit replay takes the same decision.
 *
 * <p>The first three quarters of the calibration frames are a bank, the last quarter is held out.
 * The statistic is the share of held-out tokens whose nearest bank token anywhere lies at their own
 * place (same shifted view and grid cell). On a fixed design most new good tokens find their match
 * at home; on a random surface (a new piece of stone in every frame) a good token's match lies
 * elsewhere, and scoring by place would raise good frames' scores. Measured (docs/evaluation.md,
 * "Tokens by place inside the fused profile"): 0.64 to 0.99 on the five fixed designs and fixed
 * pieces, 0.33 at most on 11 moving surfaces and 12 scene sets. The limit sits in that gap.
 *
 * <p>The median of (nearest at home) / (nearest anywhere), the first form of this statistic, takes
 * the same decisions on those sets (it is exactly 1 when the share is at least one half), but on
 * tokens that are pure noise in many dimensions every distance is nearly the same, so the median
 * falls to about 1 and a ratio limit switches place on for a surface with no layout at all. The share
 * of tokens at home stays at chance (one over the number of places) there.
 *
 * <p>Recorded in the profile only where it is on, with its place bank: a profile calibrated with
 * the switch off is the profile calibration gave before the switch existed, byte for byte.
 *
 * @param share the share of held-out tokens at home
 * @param limit place scoring is on from this share up
 */
public record PlaceSwitch(float share, float limit) {

    /** The limit calibration uses: between 0.33 (the nearest random surface) and 0.64 (fixed designs). */
    public static final float LIMIT = 0.5f;

    /** Checks both values. */
    public PlaceSwitch {
        if (!(share >= 0f && share <= 1f) || !(limit > 0f && limit <= 1f)) {
            throw new IllegalArgumentException(
                    "a place switch needs a share and a limit in [0, 1] (limit above 0), got " + share + " and "
                            + limit);
        }
    }

    /** Whether tokens are scored by place. */
    public boolean on() {
        return share >= limit;
    }

    /**
     * Measures the statistic on good frames' scoring tokens (all of one length), with {@link #LIMIT}.
     *
     * @throws IllegalArgumentException with fewer than 2 frames
     */
    public static PlaceSwitch measure(List<float[]> frames, int dim) {
        if (frames.size() < 2) {
            throw new IllegalArgumentException("the place switch needs at least 2 frames, got " + frames.size());
        }
        int fit = Math.max(1, frames.size() * 3 / 4);
        List<float[]> bankFrames = frames.subList(0, fit);
        int length = bankFrames.get(0).length;
        float[] rows = new float[fit * length];
        for (int f = 0; f < fit; f++) {
            System.arraycopy(bankFrames.get(f), 0, rows, f * length, length);
        }
        MemoryBank anywhere = MemoryBank.of(rows, dim);
        List<float[]> held = frames.subList(fit, frames.size());
        long home = 0;
        long all = 0;
        for (float[] frame : held) {
            float[] any = anywhere.nearestDistances(frame);
            float[] own = atPlace(frame, bankFrames, dim);
            for (int t = 0; t < any.length; t++) {
                // both are exact distances computed alike, so a match at home gives the same float
                home += own[t] <= any[t] ? 1 : 0;
                all++;
            }
        }
        return new PlaceSwitch((float) ((double) home / all), LIMIT);
    }

    /** Each token's exact distance to the nearest token at the same index in {@code bank}'s frames. */
    private static float[] atPlace(float[] frame, List<float[]> bank, int dim) {
        float[] out = new float[frame.length / dim];
        for (int p = 0; p < out.length; p++) {
            double best = Double.POSITIVE_INFINITY;
            for (float[] g : bank) {
                double sum = 0;
                for (int d = p * dim; d < (p + 1) * dim; d++) {
                    double x = (double) frame[d] - g[d];
                    sum += x * x;
                }
                best = Math.min(best, sum);
            }
            out[p] = (float) Math.sqrt(best);
        }
        return out;
    }
}
