package io.ultraline.model.train;

/**
 * A training batch: images NHWC in [0, 1] and, per image, the pretext labels.
 *
 * @param family  material-family class of each image
 * @param pasted  per image and patch (row-major grid), 1 where the augmentation pasted foreign
 *                content over the patch, else 0; [size * patches]
 */
public record LabelledBatch(int size, float[] images, int[] family, int[] pasted) {

    public LabelledBatch {
        if (family.length != size || pasted.length % Math.max(1, size) != 0) {
            throw new IllegalArgumentException("labels must have one family per image and one flag per patch");
        }
    }
}
