/**
 * The Vision Transformer in TensorFlow Java: building the forward and ULTra relevance graphs from
 * a weights map, exporting and loading SavedModels with their manifest, importing .safetensors
 * checkpoints, and running a loaded model. Knows TensorFlow, not Kafka; everything it returns is
 * plain Java arrays and records so the rest of the system never touches a tensor.
 */
package io.ultraline.model;
