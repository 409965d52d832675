package io.ultraline.model.train;

/**
 * @param batchSize     images per step
 * @param learningRate  Adam learning rate (constant)
 * @param familyClasses number of material families in the classification head
 * @param seed          seed of the initial weights (and of the masks, when distillation is on)
 * @param threads       TensorFlow intra-op threads (0 = all cores)
 * @param distillation  the optional self-distillation objective; {@link Distillation#none()} is the shipped recipe
 */
public record TrainingSettings(
        int batchSize, float learningRate, int familyClasses, long seed, int threads, Distillation distillation) {

    public TrainingSettings {
        if (batchSize < 1 || familyClasses < 2 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batchSize >= 1, familyClasses >= 2 and learningRate > 0 required");
        }
        if (distillation == null) {
            throw new IllegalArgumentException("a distillation setting is required (none is the shipped recipe)");
        }
    }

    /** Settings of the shipped recipe: the two pretexts, no distillation. */
    public TrainingSettings(int batchSize, float learningRate, int familyClasses, long seed, int threads) {
        this(batchSize, learningRate, familyClasses, seed, threads, Distillation.none());
    }
}
