package io.ultraline.model.train;

/**
 * A training batch: images NHWC in [0, 1] and, per image, the pretext labels.
 *
 * @param family   material-family class of each image
 * @param rotation quarter turns (0..3) applied to each image by the augmentation
 */
public record LabelledBatch(int size, float[] images, int[] family, int[] rotation) {

    public LabelledBatch {
        if (family.length != size || rotation.length != size) {
            throw new IllegalArgumentException("labels must have one entry per image (" + size + ")");
        }
    }
}
