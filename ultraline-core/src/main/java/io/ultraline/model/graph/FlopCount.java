package io.ultraline.model.graph;

import io.ultraline.model.VitConfig;

/**
 * Matrix-multiply FLOPs (2 per multiply-add) of the ViT up to the target layer, counted from the
 * architecture. Elementwise work (LayerNorm, softmax, GELU) is left out, as is usual.
 */
public final class FlopCount {

    private FlopCount() {}

    /** One image's forward pass. */
    public static double forward(VitConfig c) {
        double s = c.sequenceLength();
        double d = c.dim();
        double p = c.patchSize();
        double embed = 2.0 * c.numPatches() * (3 * p * p) * d;
        return embed + c.targetLayer() * block(s, d, c.mlpHidden());
    }

    /**
     * One target's backward from its token norm to every attention map: every block needs the
     * gradient through proj, the MLP and A V (dA and dV); blocks above the first also pass it on
     * through q, k and v to the block below.
     */
    public static double backwardOneTarget(VitConfig c) {
        double s = c.sequenceLength();
        double d = c.dim();
        double h = c.mlpHidden();
        double perBlock = 2 * s * d * d + 4 * s * d * h + 2 * (2 * s * s * d);
        double passDown = 3 * (2 * s * d * d) + 2 * (2 * s * s * d);
        return c.targetLayer() * perBlock + (c.targetLayer() - 1) * passDown;
    }

    /** All N maps of one frame with the replicated graph: one forward and one backward per target. */
    public static double replicatedAllMaps(VitConfig c) {
        return c.numPatches() * (forward(c) + backwardOneTarget(c));
    }

    private static double block(double s, double d, double hidden) {
        double qkv = 2 * s * d * 3 * d;
        double attention = 2 * (2 * s * s * d);
        double proj = 2 * s * d * d;
        double mlp = 2 * (2 * s * d * hidden);
        return qkv + attention + proj + mlp;
    }

    /**
     * All N maps with the fast graph: one forward and N backwards, counted as full backwards (an
     * upper bound: the last block's MLP and projection run on one row per target).
     */
    public static double fastAllMaps(VitConfig c) {
        return forward(c) + c.numPatches() * backwardOneTarget(c);
    }
}
