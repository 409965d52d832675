/**
 * Writes model directories: exports a SavedModel plus manifest from a config and weights, imports
 * timm/DINO/DeiT weights from a safetensors file, and rebuilds an existing model's graphs with the
 * current code.
 */
package io.ultraline.model.export;
