/**
 * Camera frames before the model: decoding, validation against limits, and preprocessing into the
 * model's input (RGB floats in [0, 1] at the model's size). Pure Java, deterministic, so an audit
 * replay feeds the model exactly the same input.
 */
package io.ultraline.frame;
