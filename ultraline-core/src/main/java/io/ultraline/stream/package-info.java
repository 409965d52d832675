/**
 * The Kafka Streams side of ultraline: the topology that turns {@code line.frames} into verdicts,
 * defect regions, explanations and alerts, its processors and state stores (batch buffer,
 * reference profiles, calibration progress, alert windows) and the alert rules.
 *
 * <p>{@link io.ultraline.stream.InspectionTopology} builds the topology from plain inputs:
 * {@link io.ultraline.stream.PipelineTopics} (a {@link io.ultraline.stream.Topic} per topic: name,
 * key serde, value serde), the shared model step ({@link io.ultraline.stream.ModelStep}, one
 * per application instance), a clock and {@link io.ultraline.stream.PipelineConfig}.
 * {@link io.ultraline.stream.StreamsConfigs} adds the Kafka Streams settings it relies on
 * (exactly_once_v2, the dead-letter exception handlers) to the user's. Node and store names live in
 * {@link io.ultraline.stream.NodeNames}; {@code topology-docs/topology.md} describes the data flow,
 * and {@code topology-docs/topology.txt|.dot|.svg} are generated from {@code describe()}.
 *
 * <p>This package wires the pure packages ({@code ultra}, {@code defect}) and the model runner
 * ({@code model}) to Kafka; they know nothing of it. Topic names live in {@link io.ultraline.stream.Topics},
 * and {@code topology-docs/topics.md} documents each topic's key, value schema, partitioning and
 * retention.
 */
package io.ultraline.stream;
