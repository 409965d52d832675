/**
 * The Kafka Streams side of ultraline: the topology that turns {@code line.frames} into verdicts,
 * defect regions, explanations and alerts, its processors and state stores (batch buffer,
 * reference profiles, alert windows) and the alert rules.
 *
 * <p>This package wires the pure packages ({@code ultra}, {@code defect}) and the model runner
 * ({@code model}) to Kafka; they know nothing of it. Topic names live in {@link io.ultraline.stream.Topics},
 * and {@code topology-docs/topics.md} documents each topic's key, value schema, partitioning and
 * retention.
 */
package io.ultraline.stream;
