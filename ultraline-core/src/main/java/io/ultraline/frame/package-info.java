/**
 * Camera frames before the model: decoding, validation against limits, and preprocessing into the
 * model's input (RGB floats in [0, 1] at the model's size). Pure Java, deterministic, so an audit
 * replay feeds the model exactly the same input.
 *
 * <p>{@link io.ultraline.frame.FrameDecoder} is the entry point for frames from the stream: it
 * turns any bytes into an {@link io.ultraline.frame.RgbImage} or a typed
 * {@link io.ultraline.frame.FrameRejectedException}, within {@link io.ultraline.frame.FrameLimits}.
 */
package io.ultraline.frame;
