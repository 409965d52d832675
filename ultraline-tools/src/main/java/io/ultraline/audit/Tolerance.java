package io.ultraline.audit;

/**
 * How close a replayed frame must come to its recorded verdict to match.
 *
 * @param score   largest absolute difference allowed between frame scores, between thresholds and
 *                between region scores; 0 demands equal floats
 * @param minIoU  smallest intersection over union of a recorded region's token mask with its
 *                replayed counterpart, in (0, 1]
 * @param minPixelIoU smallest IoU of a recorded region's pixel mask with its replayed
 *                counterpart's, in (0, 1]. Pixel masks follow from the frame's colours and, at the
 *                margin, from which tokens score above 0.6 of the threshold, so a score that moves
 *                within {@code score} can move a few border pixels: the default allows 0.95
 */
public record Tolerance(double score, double minIoU, double minPixelIoU) {

    /** Token-mask tolerance with the default pixel-mask tolerance. */
    public Tolerance(double score, double minIoU) {
        this(score, minIoU, DEFAULT_PIXEL_IOU);
    }

    /** Default {@link #minPixelIoU()}. */
    public static final double DEFAULT_PIXEL_IOU = 0.95;

    public Tolerance {
        if (!(minPixelIoU > 0 && minPixelIoU <= 1)) {
            throw new IllegalArgumentException("minimum pixel IoU must be in (0, 1], got " + minPixelIoU);
        }
        if (!(score >= 0) || Double.isInfinite(score)) {
            throw new IllegalArgumentException("score tolerance must be finite and >= 0, got " + score);
        }
        if (!(minIoU > 0 && minIoU <= 1)) {
            throw new IllegalArgumentException("minimum IoU must be in (0, 1], got " + minIoU);
        }
    }

    /** Equal floats and equal masks: what a CPU replay with the recorded batches achieves. */
    public static Tolerance exact() {
        return new Tolerance(0, 1, 1);
    }

    /**
     * The default: scores within 1e-6, token masks with IoU at least 0.99 (on token grids: equal
     * masks), pixel masks with IoU at least 0.95.
     */
    public static Tolerance defaults() {
        return new Tolerance(1e-6, 0.99);
    }

    boolean scoresMatch(float recorded, float replayed) {
        return Float.compare(recorded, replayed) == 0 || Math.abs((double) recorded - replayed) <= score;
    }
}
