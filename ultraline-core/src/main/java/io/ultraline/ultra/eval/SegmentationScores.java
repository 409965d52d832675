package io.ultraline.ultra.eval;

/**
 * The unsupervised-segmentation scores of one labelling against true parts. Predicted labels carry
 * no meaning of their own, so each score first matches them to parts one-to-one, by
 * {@link Assignment}, in the way most favourable to that score:
 *
 * <ul>
 *   <li>{@code miou}: labels matched to parts to maximise the summed IoU; the mean over the true
 *       parts of their matched IoU (a part left without a label scores 0);
 *   <li>{@code pixelAccuracy}: labels matched to maximise the pixels they share with their parts;
 *       the share of all pixels so covered;
 *   <li>{@code ari}: the adjusted Rand index over pixel pairs, which needs no matching: 1 for the
 *       same partition under any renaming, about 0 for a random one, negative below chance.
 * </ul>
 *
 * @param miou          0..1
 * @param pixelAccuracy 0..1
 * @param ari           at most 1
 */
public record SegmentationScores(double miou, double pixelAccuracy, double ari) {

    /** Scores of {@code predicted} against {@code truth}, two labellings of the same pixels. */
    public static SegmentationScores of(int[] predicted, int[] truth) {
        return of(Contingency.of(predicted, truth));
    }

    public static SegmentationScores of(Contingency c) {
        return new SegmentationScores(matchedIou(c), pixelAccuracy(c), adjustedRand(c));
    }

    static double matchedIou(Contingency c) {
        double[][] gain = new double[c.rows()][c.columns()];
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < c.columns(); j++) {
                gain[i][j] = c.iou(i, j);
            }
        }
        int[] match = Assignment.maximise(gain);
        double sum = 0;
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                sum += gain[i][match[i]];
            }
        }
        return sum / c.columns();
    }

    static double pixelAccuracy(Contingency c) {
        int[] match = Assignment.maximise(overlaps(c));
        long hit = 0;
        for (int i = 0; i < match.length; i++) {
            if (match[i] >= 0) {
                hit += c.count(i, match[i]);
            }
        }
        return (double) hit / c.total();
    }

    /** Pixel overlaps as gains, the matching that {@link ConceptIdConsistency} uses too. */
    static double[][] overlaps(Contingency c) {
        double[][] gain = new double[c.rows()][c.columns()];
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < c.columns(); j++) {
                gain[i][j] = c.count(i, j);
            }
        }
        return gain;
    }

    /**
     * Hubert and Arabie's adjusted Rand index from pair counts: (index - expected) / (max -
     * expected), with index = sum over cells of C(n_ij, 2). When both labellings are trivial in the
     * same way (max = expected: both one cluster, or both all singletons) they agree and score 1.
     */
    static double adjustedRand(Contingency c) {
        if (c.total() < 2) {
            return 1.0;
        }
        double index = 0;
        for (int i = 0; i < c.rows(); i++) {
            for (int j = 0; j < c.columns(); j++) {
                index += pairs(c.count(i, j));
            }
        }
        double rows = 0;
        for (int i = 0; i < c.rows(); i++) {
            rows += pairs(c.rowSum(i));
        }
        double columns = 0;
        for (int j = 0; j < c.columns(); j++) {
            columns += pairs(c.columnSum(j));
        }
        double expected = rows * columns / pairs(c.total());
        double max = (rows + columns) / 2;
        if (max == expected) {
            return 1.0;
        }
        return (index - expected) / (max - expected);
    }

    private static double pairs(long n) {
        return n * (n - 1) / 2.0;
    }
}
