/**
 * Weight formats and values: named weight tensors, the safetensors reader (F32, F16, BF16), the
 * ViT weight map with its expected shapes, random weights for tests and benchmarks, and the
 * SHA-256 digest a manifest records. Plain Java; TensorFlow appears only when weights become graph
 * constants in {@code model.graph}.
 */
package io.ultraline.model.weights;
