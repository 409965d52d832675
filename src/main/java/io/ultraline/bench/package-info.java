/**
 * End-to-end benchmarks that need the whole pipeline: an embedded broker, an embedded schema
 * registry, the Kafka Streams topology and the shipped model in one process. The model-only
 * benchmarks live next to the model ({@code io.ultraline.model}).
 */
package io.ultraline.bench;
