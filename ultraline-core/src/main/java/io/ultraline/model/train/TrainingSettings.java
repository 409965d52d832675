package io.ultraline.model.train;

/**
 * @param batchSize     images per step
 * @param learningRate  Adam learning rate (constant)
 * @param familyClasses number of material families in the classification head
 * @param seed          seed of the initial weights
 * @param threads       TensorFlow intra-op threads (0 = all cores)
 */
public record TrainingSettings(int batchSize, float learningRate, int familyClasses, long seed, int threads) {

    public TrainingSettings {
        if (batchSize < 1 || familyClasses < 2 || !(learningRate > 0)) {
            throw new IllegalArgumentException("batchSize >= 1, familyClasses >= 2 and learningRate > 0 required");
        }
    }
}
