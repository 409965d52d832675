package io.ultraline.defect.eval;

import java.util.Arrays;

/**
 * The highest recall any single frame threshold reaches while keeping a given precision, chosen
 * with the labels in hand. No deployable rule can beat it with the same scores, so it splits a
 * recall shortfall at the calibrated threshold into what the scores allow and what the label-free
 * threshold gives away.
 */
public final class BestRecall {

    /**
     * @param recall the best recall (0 when no threshold keeps the precision)
     * @param lowestFlagged the lowest score among the frames flagged at that recall (NaN when none
     *     are): flagging every frame scoring at or above it gives the recall
     */
    public record Result(double recall, double lowestFlagged) {}

    private BestRecall() {}

    /** Scores of frames, higher meaning more anomalous; positive marks the defective ones. */
    public static Result atPrecision(float[] scores, boolean[] positive, double minPrecision) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        if (!(minPrecision > 0 && minPrecision <= 1)) {
            throw new IllegalArgumentException("precision must be in (0, 1], got " + minPrecision);
        }
        Integer[] order = new Integer[n];
        long positives = 0;
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
            positives += positive[i] ? 1 : 0;
        }
        if (positives == 0) {
            throw new IllegalArgumentException("recall needs at least one defective frame");
        }
        Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
        double best = 0;
        double lowest = Double.NaN;
        int tp = 0;
        int i = 0;
        while (i < n) {
            // frames with equal scores are flagged together: one threshold cannot split them
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                tp += positive[order[j]] ? 1 : 0;
                j++;
            }
            double recall = (double) tp / positives;
            if ((double) tp / j >= minPrecision && recall > best) {
                best = recall;
                lowest = scores[order[i]];
            }
            i = j;
        }
        return new Result(best, lowest);
    }
}
