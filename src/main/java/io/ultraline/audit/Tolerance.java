package io.ultraline.audit;

/**
 * How close a replayed frame must come to its recorded verdict to match.
 *
 * @param score   largest absolute difference allowed between frame scores, between thresholds and
 *                between region scores; 0 demands equal floats
 * @param minIoU  smallest intersection over union of a recorded region's token mask with its
 *                replayed counterpart, in (0, 1]
 */
public record Tolerance(double score, double minIoU) {

    public Tolerance {
        if (!(score >= 0) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("score tolerance must be finite and >= 0, got " + score);
        }
        if (!(minIoU > 0 && minIoU <= 1)) {
            throw new IllegalArgumentException("minimum IoU must be in (0, 1], got " + minIoU);
        }
    }

    /** Equal floats and equal masks: what a CPU replay with the recorded batches achieves. */
    public static Tolerance exact() {
        return new Tolerance(0, 1);
    }

    /** The default: scores within 1e-6, masks with IoU at least 0.99 (on token grids: equal masks). */
    public static Tolerance defaults() {
        return new Tolerance(1e-6, 0.99);
    }

    boolean scoresMatch(float recorded, float replayed) {
        return Float.compare(recorded, replayed) == 0 || Math.abs((double) recorded - replayed) <= score;
    }
}
