/**
 * The external transformation of issue 19, a first cut: a linear map W of latent tokens, learned
 * label-free from a camera's calibration frames by a self-consistency objective. Pure Java.
 */
package io.ultraline.ultra.transform;
