/**
 * Detection quality against ground truth: AUROC over frames and pixels, region matching by IoU,
 * precision and recall at the calibrated threshold. Pure Java.
 */
package io.ultraline.defect.eval;
