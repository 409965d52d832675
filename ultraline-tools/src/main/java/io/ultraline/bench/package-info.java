/**
 * Benchmarks. The pipeline benchmark needs the whole system (an embedded broker, an embedded schema
 * registry, the topology and the shipped model in one process); the model, soak and sparse-target
 * benchmarks need only a model. None of them touches TensorFlow types: the raw-session baselines
 * they compare against live in {@code model.runtime}.
 */
package io.ultraline.bench;
