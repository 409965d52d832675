package io.ultraline.ultra;

/**
 * One colour prototype per concept for {@link PixelRefinement}: the mean of the {@link LocalColour}
 * features over the pixels the concept surely holds (those of its interior cells), and how far a
 * pixel's features lie from it. Distances divide each feature by its variance within the concepts,
 * pooled over all of them, so that a channel in which every material is rough does not drown the
 * channel that tells them apart; with {@code ownVariance} each concept uses its own variance (a
 * diagonal Gaussian's negative log-likelihood), which lets a rough material claim the odd pixel a
 * smooth one cannot explain.
 */
final class ColourPrototypes {

    /** Floor of a variance, so a flat synthetic colour does not divide by zero. */
    private static final double MIN_VARIANCE = 1e-6;

    private final double[][] mean;
    private final double[][] variance;
    private final double[] pooled;
    private final boolean ownVariance;

    private ColourPrototypes(double[][] mean, double[][] variance, double[] pooled, boolean ownVariance) {
        this.mean = mean;
        this.variance = variance;
        this.pooled = pooled;
        this.ownVariance = ownVariance;
    }

    /**
     * Learns the prototypes.
     *
     * @param features {@link LocalColour} features, row-major
     * @param pixelLabels concept of every pixel, {@code 0..concepts-1}
     * @param sure which pixels may teach their concept's prototype
     * @param concepts number of concepts; a concept with no sure pixel learns from all of its pixels
     */
    static ColourPrototypes learn(
            float[] features, int[] pixelLabels, boolean[] sure, int concepts, boolean ownVariance) {
        int f = LocalColour.FEATURES;
        double[][] sum = new double[concepts][f];
        double[][] square = new double[concepts][f];
        long[] count = new long[concepts];
        accumulate(features, pixelLabels, sure, sum, square, count);
        for (int c = 0; c < concepts; c++) {
            if (count[c] == 0) {
                boolean[] own = new boolean[pixelLabels.length];
                for (int p = 0; p < own.length; p++) {
                    own[p] = pixelLabels[p] == c;
                }
                accumulate(features, pixelLabels, own, sum, square, count);
            }
        }
        double[][] mean = new double[concepts][f];
        double[][] variance = new double[concepts][f];
        double[] pooled = new double[f];
        long total = 0;
        for (int c = 0; c < concepts; c++) {
            if (count[c] == 0) {
                continue;
            }
            total += count[c];
            for (int j = 0; j < f; j++) {
                mean[c][j] = sum[c][j] / count[c];
                double within = square[c][j] - sum[c][j] * mean[c][j];
                variance[c][j] = Math.max(MIN_VARIANCE, within / count[c]);
                pooled[j] += Math.max(0, within);
            }
        }
        for (int j = 0; j < f; j++) {
            pooled[j] = Math.max(MIN_VARIANCE, total == 0 ? 0 : pooled[j] / total);
        }
        return new ColourPrototypes(mean, variance, pooled, ownVariance);
    }

    private static void accumulate(
            float[] features, int[] labels, boolean[] use, double[][] sum, double[][] square, long[] count) {
        int f = LocalColour.FEATURES;
        for (int p = 0; p < labels.length; p++) {
            if (!use[p]) {
                continue;
            }
            int c = labels[p];
            count[c]++;
            for (int j = 0; j < f; j++) {
                double v = features[p * f + j];
                sum[c][j] += v;
                square[c][j] += v * v;
            }
        }
    }

    /** How far pixel {@code pixel}'s features lie from concept {@code concept}'s prototype. */
    double distance(float[] features, int pixel, int concept) {
        int f = LocalColour.FEATURES;
        double d = 0;
        for (int j = 0; j < f; j++) {
            double diff = features[pixel * f + j] - mean[concept][j];
            if (ownVariance) {
                d += diff * diff / variance[concept][j] + Math.log(variance[concept][j]);
            } else {
                d += diff * diff / pooled[j];
            }
        }
        return d;
    }
}
