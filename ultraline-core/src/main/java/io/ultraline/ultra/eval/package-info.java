/**
 * How good a concept segmentation is against known parts: the contingency table of predicted
 * labels against true part ids, the best one-to-one matching of concepts to parts (a small
 * Hungarian solver of its own), matched IoU and pixel accuracy, the adjusted Rand index, k-means
 * for the naive anchors, and the consistency of concept ids across the frames of one camera.
 * Pure Java, like the method it measures.
 */
package io.ultraline.ultra.eval;
