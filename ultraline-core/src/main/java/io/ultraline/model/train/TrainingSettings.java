package io.ultraline.model.train;

/**
 * @param batchSize     images per step
 * @param learningRate  Adam learning rate (constant)
 * @param familyClasses number of material families in the classification head
 * @param seed          seed of the initial weights (and of the masks, when distillation is on)
 * @param threads       TensorFlow intra-op threads (0 = all cores)
 * @param distillation  the optional self-distillation objective; {@link Distillation#none()} is the shipped recipe
 * @param textureWeight weight of the {@link TextureObjective} loss; 0, the shipped recipe, leaves it out
 * @param textureMasked whether the texture targets are hidden patches of masked frames (MaskFeat's
 *                      form) rather than every patch of whole frames
 */
public record TrainingSettings(
        int batchSize,
        float learningRate,
        int familyClasses,
        long seed,
        int threads,
        Distillation distillation,
        float textureWeight,
        boolean textureMasked) {

    public TrainingSettings {
        if (batchSize < 1 || familyClasses < 2 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batchSize >= 1, familyClasses >= 2 and learningRate > 0 required");
        }
        if (distillation == null) {
            throw new IllegalArgumentException("a distillation setting is required (none is the shipped recipe)");
        }
        checkTexture(textureWeight, textureMasked, distillation);
    }

    /**
     * Refuses a texture weight that is negative or not finite, and masked texture targets without
     * a weight or beside distillation; {@link TrainingRun.Plan} calls it too, to refuse a bad plan
     * before its data is generated.
     */
    static void checkTexture(float textureWeight, boolean textureMasked, Distillation distillation) {
        if (!(textureWeight >= 0) || Float.isInfinite(textureWeight)) {
            throw new IllegalArgumentException("the texture weight must be a finite number >= 0, got " + textureWeight);
        }
        if (textureMasked && (!(textureWeight > 0) || distillation.enabled())) {
            throw new IllegalArgumentException(
                    "masked texture targets need a texture weight > 0 and no distillation (its masks are its own)");
        }
    }

    /** Settings with the given distillation and no texture-statistics loss. */
    public TrainingSettings(
            int batchSize, float learningRate, int familyClasses, long seed, int threads, Distillation distillation) {
        this(batchSize, learningRate, familyClasses, seed, threads, distillation, 0f, false);
    }

    /** Settings of the shipped recipe: the two pretexts, no distillation. */
    public TrainingSettings(int batchSize, float learningRate, int familyClasses, long seed, int threads) {
        this(batchSize, learningRate, familyClasses, seed, threads, Distillation.none(), 0f, false);
    }
}
