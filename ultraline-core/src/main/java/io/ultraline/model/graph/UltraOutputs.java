package io.ultraline.model.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Outputs of an ultra signature: relevance [B, T, N] (rows of R before the self-entry fix) and tokens [B, N, D]. */
public record UltraOutputs(Operand<TFloat32> relevance, Operand<TFloat32> tokens) {}
