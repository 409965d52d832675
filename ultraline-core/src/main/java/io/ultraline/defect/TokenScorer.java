package io.ultraline.defect;

/**
 * Anomaly scores of one frame against a memory bank: a token's score is its Euclidean distance to
 * the nearest normal token; the frame's score is the highest token score (PatchCore's rule).
 */
public final class TokenScorer {

    private TokenScorer() {}

    /**
     * Score of every patch token.
     *
     * @param bank the normal tokens
     * @param tokens row-major {@code N * dim} floats
     * @param dim token dimension; must equal the bank's
     * @return {@code float[N]}, every value finite and {@code >= 0}
     * @throws IllegalArgumentException on a dimension mismatch, a length that is not a positive
     *     multiple of {@code dim}, or a non-finite token value
     */
    public static float[] tokenScores(MemoryBank bank, float[] tokens, int dim) {
        if (dim != bank.dim()) {
            throw new IllegalArgumentException("tokens have dimension " + dim
                    + " but the profile's bank holds dimension " + bank.dim()
                    + " (was the profile calibrated with another model?)");
        }
        MemoryBank.requireTokens(tokens, dim, "frame");
        return bank.nearestDistances(tokens);
    }

    /** The frame score: the highest token score. */
    public static float frameScore(float[] tokenScores) {
        if (tokenScores.length == 0) {
            throw new IllegalArgumentException("a frame needs at least one token score");
        }
        float max = tokenScores[0];
        for (float score : tokenScores) {
            max = Math.max(max, score);
        }
        return max;
    }
}
