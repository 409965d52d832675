package io.ultraline.model.train;

import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.MaterialFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Label-free training data from the synthetic line: a pool of defect-free frames of many random
 * cameras of the training families, and batches cut from it with strong augmentation (random
 * crop and rescale, mirror, colour jitter, noise) plus a random quarter turn whose count is the
 * rotation label. The family label is the material the frame shows. No defect is ever drawn.
 */
public final class SyntheticPretextData {

    private final List<MaterialFamily> families;
    private final List<RgbImage> pool = new ArrayList<>();
    private final List<Integer> poolFamily = new ArrayList<>();
    private final int size;
    private final SplittableRandom random;

    /**
     * @param camerasPerFamily random camera set-ups per family
     * @param framesPerCamera  good frames per set-up
     * @param poolSize         side of the pooled frames (a little larger than {@code size}, for crops)
     */
    public SyntheticPretextData(List<MaterialFamily> families, int camerasPerFamily, int framesPerCamera,
                                int poolSize, int size, long seed, IntConsumer progress) {
        if (families.size() < 2) {
            throw new IllegalArgumentException("need at least two training families, got " + families);
        }
        this.families = List.copyOf(families);
        this.size = size;
        this.random = new SplittableRandom(seed);
        FrameGenerator generator = new FrameGenerator();
        SplittableRandom setups = new SplittableRandom(seed ^ 0x5eed);
        for (int f = 0; f < families.size(); f++) {
            for (int cam = 0; cam < camerasPerFamily; cam++) {
                CameraSetup setup = CameraSetup.random(families.get(f), setups.nextLong());
                for (int i = 0; i < framesPerCamera; i++) {
                    pool.add(RgbImage.of(generator.good(setup, setups.nextLong(), poolSize).image()));
                    poolFamily.add(f);
                }
                progress.accept(pool.size());
            }
        }
    }

    public List<MaterialFamily> families() {
        return families;
    }

    public int poolFrames() {
        return pool.size();
    }

    /** A freshly augmented batch. Not thread-safe: one producer. */
    public LabelledBatch next(int batch) {
        float[] images = new float[batch * size * size * 3];
        int[] family = new int[batch];
        int[] rotation = new int[batch];
        for (int b = 0; b < batch; b++) {
            int pick = random.nextInt(pool.size());
            family[b] = poolFamily.get(pick);
            rotation[b] = random.nextInt(4);
            float[] img = augment(pool.get(pick), rotation[b]);
            System.arraycopy(img, 0, images, b * img.length, img.length);
        }
        return new LabelledBatch(batch, images, family, rotation);
    }

    private float[] augment(RgbImage src, int quarterTurns) {
        int side = Math.min(src.width(), src.height());
        int crop = (int) Math.round(side * (0.55 + 0.45 * random.nextDouble()));
        int x0 = random.nextInt(src.width() - crop + 1);
        int y0 = random.nextInt(src.height() - crop + 1);
        float[] cropped = new float[crop * crop * 3];
        for (int y = 0; y < crop; y++) {
            System.arraycopy(src.pixels(), ((y0 + y) * src.width() + x0) * 3, cropped, y * crop * 3, crop * 3);
        }
        float[] px = Resize.to(new RgbImage(crop, crop, cropped), size, size).pixels();
        boolean mirror = random.nextBoolean();
        double brightness = 0.8 + 0.4 * random.nextDouble();
        double contrast = 0.75 + 0.5 * random.nextDouble();
        double[] gain = {0.9 + 0.2 * random.nextDouble(), 0.9 + 0.2 * random.nextDouble(),
            0.9 + 0.2 * random.nextDouble()};
        double noise = 0.02 * random.nextDouble();
        double mean = 0;
        for (float v : px) {
            mean += v;
        }
        mean /= px.length;
        float[] out = new float[px.length];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int sx = mirror ? size - 1 - x : x;
                int[] t = rotate(x, y, quarterTurns);
                for (int ch = 0; ch < 3; ch++) {
                    double v = px[(y * size + sx) * 3 + ch];
                    v = ((v - mean) * contrast + mean) * brightness * gain[ch] + noise * gaussian();
                    out[(t[1] * size + t[0]) * 3 + ch] = (float) Math.max(0, Math.min(1, v));
                }
            }
        }
        return out;
    }

    /** Where pixel (x, y) lands after quarter turns clockwise. */
    private int[] rotate(int x, int y, int quarterTurns) {
        int px = x;
        int py = y;
        for (int i = 0; i < quarterTurns; i++) {
            int nx = size - 1 - py;
            py = px;
            px = nx;
        }
        return new int[] {px, py};
    }

    private double gaussian() {
        double u = Math.max(random.nextDouble(), 1e-12);
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
