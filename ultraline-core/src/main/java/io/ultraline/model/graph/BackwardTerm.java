package io.ultraline.model.graph;

/**
 * Terms of the hand-written backward that a test can switch off, to prove the equality tests
 * against graph autodiff notice a missing term. Production graphs drop none.
 */
enum BackwardTerm {
    /** u phi(u) in GELU's derivative. */
    GELU_PDF,
    /** The xhat * mean(dxhat * xhat) term of LayerNorm's backward. */
    LAYER_NORM_XHAT,
    /** The sum(dA * A) term of softmax's backward. */
    SOFTMAX_DOT,
    /** The MLP residual g of each block. */
    MLP_RESIDUAL
}
