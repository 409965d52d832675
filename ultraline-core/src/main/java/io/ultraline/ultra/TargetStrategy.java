package io.ultraline.ultra;

import java.util.Arrays;
import java.util.Locale;

/**
 * Which patch tokens get an explanation map when not all N do (sparse targets, issue 21). Every
 * map costs about one backward pass, so T maps cost about T/N of all of them; the segmentation
 * clusters the T maps and still labels all N patches ({@link UltraSegmenter}).
 *
 * <p>All strategies are deterministic: the same tokens give the same targets.
 */
public enum TargetStrategy {

    /** Every patch token: the exact reference; {@code t} is ignored. */
    ALL,

    /**
     * Representatives of token space by farthest-point sampling: first the token nearest the mean
     * token, then again and again the token farthest (Euclidean) from all chosen so far, so that
     * every distinct kind of token gets a map before any kind gets a second one.
     */
    REPRESENTATIVES,

    /**
     * The {@code t / 2} (at least one) highest-scoring tokens, so the map of what looks anomalous
     * is exact, filled up to {@code t} by farthest-point sampling that starts from them, so the
     * rest of the frame still has representatives.
     */
    ANOMALOUS;

    /**
     * Parses {@code all}, {@code representatives} or {@code anomalous} (any case, trimmed).
     *
     * @throws IllegalArgumentException naming the accepted values when the text is none of them
     */
    public static TargetStrategy parse(String text) {
        if (text != null) {
            String key = text.trim().toUpperCase(Locale.ROOT);
            for (TargetStrategy s : values()) {
                if (s.name().equals(key)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown target strategy '" + text + "': expected all, representatives or anomalous");
    }

    /** The name {@link #parse} reads. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Chooses the targets of one frame.
     *
     * @param tokens the frame's patch tokens, {@code [n * dim]} row-major
     * @param n patch tokens
     * @param dim token dimension
     * @param t targets wanted, at least 1; at least n gives all n
     * @param tokenScores one anomaly score per token; needed by {@link #ANOMALOUS} only (may be null
     *     for the others)
     * @return distinct patch indices, ascending; {@code min(t, n)} of them ({@code n} for ALL)
     * @throws IllegalArgumentException if the sizes disagree, t is below 1, or ANOMALOUS has no scores
     */
    public int[] choose(float[] tokens, int n, int dim, int t, float[] tokenScores) {
        if (n < 1 || dim < 1 || tokens == null || tokens.length != (long) n * dim) {
            throw new IllegalArgumentException("expected tokens of " + n + " x " + dim + " floats, got "
                    + (tokens == null ? "null" : tokens.length + " floats"));
        }
        if (t < 1) {
            throw new IllegalArgumentException("at least one target is needed, got t = " + t);
        }
        if (this == ANOMALOUS && (tokenScores == null || tokenScores.length != n)) {
            throw new IllegalArgumentException("the anomalous strategy needs one score per token (" + n + "), got "
                    + (tokenScores == null ? "none" : tokenScores.length));
        }
        if (this == ALL || t >= n) {
            return UltraSegmenter.allTargets(n);
        }
        int[] seeds = this == ANOMALOUS ? highest(tokenScores, Math.max(1, t / 2)) : new int[0];
        int[] chosen = FarthestPoints.extend(tokens, n, dim, seeds, t);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The k highest-scoring indices; ties go to the lower index. */
    private static int[] highest(float[] scores, int k) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Float.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
