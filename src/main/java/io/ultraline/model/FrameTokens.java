package io.ultraline.model;

/**
 * What the model says about one frame.
 *
 * @param tokens patch tokens at the target layer, [N * D] row-major
 * @param maps   ULTra relevance maps, maps[i] = map of patch token i over the N patches, before
 *               the self-entry fix; null when only tokens were asked for
 */
public record FrameTokens(int numPatches, int dim, float[] tokens, float[][] maps) {

    /** Token i as a new array. */
    public float[] token(int i) {
        float[] t = new float[dim];
        System.arraycopy(tokens, i * dim, t, 0, dim);
        return t;
    }
}
