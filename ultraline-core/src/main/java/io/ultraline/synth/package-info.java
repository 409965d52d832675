/**
 * Synthetic camera frames of industrial surfaces, for the camera-line simulator, the demo and the
 * evaluation: a deterministic, seeded generator of seven material families with lighting, pose
 * jitter and sensor noise, defect injection with exact pixel masks, and a dataset writer.
 *
 * <p>Defect masks and labels made here are ground truth for evaluation only; nothing in ultraline
 * trains on them. The package is pure Java (no Kafka, TensorFlow or Micronaut), and everything it
 * draws is a function of its seeds: the same inputs give the same bytes on every run, which is what
 * {@link io.ultraline.synth.FrameGenerator#GENERATOR_VERSION} stands for in model manifests.
 */
package io.ultraline.synth;
