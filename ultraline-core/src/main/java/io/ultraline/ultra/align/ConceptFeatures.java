package io.ultraline.ultra.align;

/**
 * What a frame's concepts look like to the alignment: each concept's mean token over the patches it
 * labels, and how many patches that is. Means are taken of the raw tokens; {@link ConceptPrototypes}
 * centres and normalises them, so a camera-wide offset common to every token does not decide the
 * cosine.
 *
 * @param means {@code float[C][D]}, one mean token per concept label 0..C-1 (zeros for an empty label)
 * @param sizes patches per concept label
 */
public record ConceptFeatures(float[][] means, int[] sizes) {

    public ConceptFeatures {
        if (means.length != sizes.length) {
            throw new IllegalArgumentException(means.length + " concept means but " + sizes.length + " sizes");
        }
    }

    /**
     * The features of one frame.
     *
     * @param labels concept label of every patch, {@code 0..C-1}
     * @param tokens the frame's tokens, row-major, {@code labels.length * dim} values
     * @param dim    token dimension
     */
    public static ConceptFeatures of(int[] labels, float[] tokens, int dim) {
        if (dim < 1 || tokens.length != (long) labels.length * dim) {
            throw new IllegalArgumentException(
                    "expected " + labels.length + " tokens of dimension " + dim + ", got " + tokens.length + " values");
        }
        int concepts = 0;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("concept labels must not be negative, got " + label);
            }
            concepts = Math.max(concepts, label + 1);
        }
        double[][] sums = new double[concepts][dim];
        int[] sizes = new int[concepts];
        for (int p = 0; p < labels.length; p++) {
            sizes[labels[p]]++;
            for (int d = 0; d < dim; d++) {
                sums[labels[p]][d] += tokens[p * dim + d];
            }
        }
        float[][] means = new float[concepts][dim];
        for (int c = 0; c < concepts; c++) {
            for (int d = 0; d < dim && sizes[c] > 0; d++) {
                means[c][d] = (float) (sums[c][d] / sizes[c]);
            }
        }
        return new ConceptFeatures(means, sizes);
    }

    /** Number of concept labels C. */
    public int count() {
        return sizes.length;
    }
}
