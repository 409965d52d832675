package io.ultraline.defect.eval;

import java.util.Arrays;

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random positive
 * scores above a random negative, ties counting one half (average ranks). Sorting packed
 * (score, index) longs keeps millions of pixels cheap.
 */
public final class Auroc {

    private Auroc() {}

    /** Scores must be finite and non-negative (anomaly scores are distances). */
    /**
     * Pixel AUROC over several frames: every frame's pixel scores against its mask, pooled; null
     * when no pixel is positive.
     */
    public static Double ofPixels(java.util.List<float[]> scores, java.util.List<boolean[]> truth) {
        int n = 0;
        boolean any = false;
        for (boolean[] mask : truth) {
            n += mask.length;
            for (boolean b : mask) {
                any |= b;
            }
        }
        if (!any) {
            return null;
        }
        float[] pooled = new float[n];
        boolean[] positive = new boolean[n];
        int at = 0;
        for (int f = 0; f < truth.size(); f++) {
            boolean[] mask = truth.get(f);
            float[] s = scores.get(f);
            if (s.length != mask.length) {
                throw new IllegalArgumentException(
                        "frame " + f + " has " + s.length + " pixel scores for a mask of " + mask.length);
            }
            System.arraycopy(s, 0, pooled, at, s.length);
            System.arraycopy(mask, 0, positive, at, mask.length);
            at += mask.length;
        }
        return of(pooled, positive);
    }

    public static double of(float[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        long[] keys = new long[n];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (!(s >= 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("score " + i + " is " + s + "; scores must be finite and >= 0");
            }
            // non-negative floats order like their bit patterns
            keys[i] = ((long) Float.floatToIntBits(s + 0f) << 32) | i;
            if (positive[i]) {
                positives++;
            }
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException(
                    "AUROC needs positives and negatives (" + positives + " / " + negatives + ")");
        }
        Arrays.sort(keys);
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            int bits = (int) (keys[i] >>> 32);
            while (j < n && (int) (keys[j] >>> 32) == bits) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (positive[(int) keys[k]]) {
                    rankSum += averageRank;
                }
            }
            i = j;
        }
        double u = rankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
