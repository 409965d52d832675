/**
 * Training a ViT in TensorFlow Java on a pretext task that needs no defect labels: the graph with
 * weights as variables, the heads and loss, Adam from tensorflow-framework, and the conversion of
 * trained variables back to timm-named weights for export.
 */
package io.ultraline.model.train;
