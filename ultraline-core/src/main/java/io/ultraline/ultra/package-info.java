/**
 * The ULTra method's post-processing, in plain Java: from the N explanation maps of one image to
 * concept segments and pixel masks.
 *
 * <p>The steps follow docs/design.md section 1, its segmentation paragraph:
 * {@link io.ultraline.ultra.SelfEntryFix} (step 6 of the map recipe),
 * {@link io.ultraline.ultra.CosineDistances}, {@link io.ultraline.ultra.AverageLinkage} building a
 * {@link io.ultraline.ultra.Dendrogram} that is cut into a {@link io.ultraline.ultra.Clustering},
 * {@link io.ultraline.ultra.ConceptAggregation}, {@link io.ultraline.ultra.PatchLabelling} and
 * {@link io.ultraline.ultra.MaskUpsampling}; {@link io.ultraline.ultra.RunLengthMask} is the
 * compact form of a token mask on the wire. {@link io.ultraline.ultra.UltraSegmenter} runs them
 * in order.
 *
 * <p>Below the token grid (issue 19): {@link io.ultraline.ultra.PixelRefinement} refines the
 * labels of cells on concept boundaries by the frame's own colours, chosen against plain
 * upsampling by {@link io.ultraline.ultra.ConceptResolution}; {@link io.ultraline.ultra.ConceptPixelImage}
 * bounds its size and run-length codes it for the explanation records.
 *
 * <p>Sparse targets (issue 21): the segmenter also takes the maps of T &lt; N target tokens only
 * (their patch indices beside them); it clusters the T maps and still labels all N patches.
 * {@link io.ultraline.ultra.TargetStrategy} chooses the targets (all, representatives by
 * farthest-point sampling in token space, or the anomalous tokens plus representatives).
 *
 * <p>Conventions shared by every class: a map is a {@code float[N]} over the patch tokens in
 * row-major order of a {@code gridH x gridW} grid; {@code maps[i]} is the map of token {@code i}
 * (with sparse targets {@code maps[k]} is the map of token {@code targets[k]});
 * every computation is deterministic, and wherever two candidates compare equal the rule that
 * picks one is written in the javadoc of the class that makes the choice.
 *
 * <p>This package knows nothing of Kafka, Micronaut or TensorFlow; a test enforces it.
 */
package io.ultraline.ultra;
