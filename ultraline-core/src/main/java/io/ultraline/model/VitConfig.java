package io.ultraline.model;

import java.util.Arrays;

/**
 * Architecture of a ViT as ultraline builds it (timm layout: pre-norm blocks, fused qkv, erf GELU).
 *
 * @param imageSize        input height and width in pixels (square frames)
 * @param patchSize        patch edge in pixels; imageSize must be a multiple of it
 * @param dim              token width
 * @param depth            number of transformer blocks in the weights
 * @param heads            attention heads; dim must be a multiple of it
 * @param mlpHidden        hidden width of each block's MLP
 * @param qkvBias          whether the qkv projection has a bias
 * @param layerNormEps     LayerNorm epsilon (timm uses 1e-6)
 * @param hasClsToken      whether token 0 is a CLS token
 * @param mean             per-channel input mean applied inside the graph to images in [0, 1]
 * @param std              per-channel input std applied inside the graph
 * @param targetLayer      block whose output tokens ULTra explains, 1..depth
 */
public record VitConfig(
        int imageSize,
        int patchSize,
        int dim,
        int depth,
        int heads,
        int mlpHidden,
        boolean qkvBias,
        float layerNormEps,
        boolean hasClsToken,
        float[] mean,
        float[] std,
        int targetLayer) {

    public VitConfig {
        require(patchSize > 0, "patchSize must be positive, got " + patchSize);
        require(
                imageSize > 0 && imageSize % patchSize == 0,
                "imageSize " + imageSize + " must be a positive multiple of patchSize " + patchSize);
        require(
                dim > 0 && heads > 0 && dim % heads == 0,
                "dim " + dim + " must be a positive multiple of heads " + heads);
        require(depth > 0, "depth must be positive, got " + depth);
        require(mlpHidden > 0, "mlpHidden must be positive, got " + mlpHidden);
        require(layerNormEps > 0, "layerNormEps must be positive, got " + layerNormEps);
        require(mean != null && mean.length == 3, "mean needs 3 channel values");
        require(std != null && std.length == 3, "std needs 3 channel values");
        for (float s : std) {
            require(s > 0, "std values must be positive, got " + Arrays.toString(std));
        }
        require(targetLayer >= 1 && targetLayer <= depth, "targetLayer " + targetLayer + " must be within 1.." + depth);
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * A timm-style ViT of the given shape: MLP 4 x dim, qkv bias, LayerNorm eps 1e-6, CLS token,
     * normalisation mean = std = 0.5 (the original ViT's).
     */
    public static VitConfig timmStyle(int imageSize, int patchSize, int dim, int depth, int heads, int targetLayer) {
        return new VitConfig(
                imageSize,
                patchSize,
                dim,
                depth,
                heads,
                4 * dim,
                true,
                1e-6f,
                true,
                new float[] {0.5f, 0.5f, 0.5f},
                new float[] {0.5f, 0.5f, 0.5f},
                targetLayer);
    }

    /** Patches per side. */
    public int gridSize() {
        return imageSize / patchSize;
    }

    /** Number of patch tokens N = grid * grid. */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    /** Sequence length: patches plus the CLS token where there is one. */
    public int sequenceLength() {
        return numPatches() + (hasClsToken ? 1 : 0);
    }

    /** Index of the first patch token in the sequence. */
    public int patchOffset() {
        return hasClsToken ? 1 : 0;
    }

    public int headDim() {
        return dim / heads;
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    /** The same architecture explaining another layer. */
    public VitConfig withTargetLayer(int layer) {
        return new VitConfig(
                imageSize,
                patchSize,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                hasClsToken,
                mean,
                std,
                layer);
    }

    /** The same weights run at another input size (position embeddings get interpolated). */
    public VitConfig withImageSize(int size) {
        return new VitConfig(
                size,
                patchSize,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                hasClsToken,
                mean,
                std,
                targetLayer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VitConfig c
                && imageSize == c.imageSize
                && patchSize == c.patchSize
                && dim == c.dim
                && depth == c.depth
                && heads == c.heads
                && mlpHidden == c.mlpHidden
                && qkvBias == c.qkvBias
                && Float.compare(layerNormEps, c.layerNormEps) == 0
                && hasClsToken == c.hasClsToken
                && Arrays.equals(mean, c.mean)
                && Arrays.equals(std, c.std)
                && targetLayer == c.targetLayer;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(
                imageSize,
                patchSize,
                dim,
                depth,
                heads,
                mlpHidden,
                qkvBias,
                layerNormEps,
                hasClsToken,
                Arrays.hashCode(mean),
                Arrays.hashCode(std),
                targetLayer);
    }

    @Override
    public String toString() {
        return "VitConfig[image=" + imageSize + ", patch=" + patchSize + ", dim=" + dim + ", depth=" + depth
                + ", heads=" + heads + ", mlp=" + mlpHidden + ", qkvBias=" + qkvBias + ", eps=" + layerNormEps
                + ", cls=" + hasClsToken + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + ", targetLayer=" + targetLayer + "]";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
