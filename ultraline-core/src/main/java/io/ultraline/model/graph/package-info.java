/**
 * Builds the ViT and ULTra graphs in TensorFlow Java from a weights map: the forward pass, the
 * hand-written backward terms of the fast ULTra signature, the replicated variant, the optional
 * token transform, and a FLOP model of the result. Small static functions that take {@code Ops tf}
 * first.
 */
package io.ultraline.model.graph;
