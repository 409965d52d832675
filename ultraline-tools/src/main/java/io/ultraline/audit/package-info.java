/**
 * Audit replay: reads a time range of the recorded topics with an isolated consumer (no group, no
 * commits, read_committed, never a write), re-runs the recorded frames through the pipeline's own
 * validation, model and scoring code ({@link io.ultraline.stream.FrameReplay}) with the model and
 * profile versions the verdicts name, and compares the result frame by frame with what was recorded.
 * {@link io.ultraline.audit.FrameComparison} is the comparison, pure Java.
 */
package io.ultraline.audit;
