package io.ultraline.model.train;

import io.ultraline.frame.Resize;
import io.ultraline.frame.RgbImage;
import io.ultraline.synth.CameraSetup;
import io.ultraline.synth.FrameGenerator;
import io.ultraline.synth.ImageTexture;
import io.ultraline.synth.MaterialFamily;
import io.ultraline.synth.SurfaceImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Label-free training data from the synthetic line: a pool of defect-free frames of many random
 * cameras of the training families, and batches cut from it with strong augmentation (random
 * crop and rescale, mirror, quarter turns, colour jitter, noise). Labels come from the data and
 * the augmentation only: the material family a frame shows, and which patches got content pasted
 * from elsewhere: by default a rectangle or a thin "scar" cut from another frame (CutPaste-style),
 * or with {@link PasteMode#MIXED} the wider set of {@link MixedPaste}. The synthetic defect
 * injector is never used: no defect mask or label reaches training.
 */
public final class SyntheticPretextData {

    private final List<MaterialFamily> families;
    private final List<SurfaceImage> surfaces;
    private final List<RgbImage> pool = new ArrayList<>();
    private final List<Integer> poolFamily = new ArrayList<>();
    private final int size;
    private final int patch;
    private final SplittableRandom random;
    private final MixedPaste mixed;

    /** A pool of rendered families and photographed samples, with the shipped pretext's pastes. */
    public SyntheticPretextData(
            List<MaterialFamily> families,
            int camerasPerFamily,
            List<SurfaceImage> surfaces,
            int camerasPerSurface,
            int framesPerCamera,
            int poolSize,
            int size,
            int patch,
            long seed,
            IntConsumer progress) {
        this(
                families,
                camerasPerFamily,
                surfaces,
                camerasPerSurface,
                framesPerCamera,
                poolSize,
                size,
                patch,
                seed,
                PasteMode.FOREIGN,
                progress);
    }

    /**
     * A pool of rendered families and photographed surface samples; each sample is a class of its own
     * for the classification task (numbered after the families), seen by {@code camerasPerSurface}
     * cameras with their own offset, light and noise; {@code pastes} chooses the pasted-patch pretext.
     *
     * @param camerasPerFamily random camera set-ups per family
     * @param framesPerCamera  good frames per set-up
     * @param poolSize         side of the pooled frames (a little larger than {@code size}, for crops)
     */
    public SyntheticPretextData(
            List<MaterialFamily> families,
            int camerasPerFamily,
            List<SurfaceImage> surfaces,
            int camerasPerSurface,
            int framesPerCamera,
            int poolSize,
            int size,
            int patch,
            long seed,
            PasteMode pastes,
            IntConsumer progress) {
        if (families.size() < 2) {
            throw new IllegalArgumentException("need at least two training families, got " + families);
        }
        this.families = List.copyOf(families);
        this.size = size;
        this.patch = patch;
        this.random = new SplittableRandom(seed);
        this.mixed = pastes == PasteMode.MIXED ? new MixedPaste(size) : null;
        FrameGenerator generator = new FrameGenerator();
        SplittableRandom setups = new SplittableRandom(seed ^ 0x5eed);
        for (int f = 0; f < families.size(); f++) {
            for (int cam = 0; cam < camerasPerFamily; cam++) {
                CameraSetup setup = CameraSetup.random(families.get(f), setups.nextLong());
                for (int i = 0; i < framesPerCamera; i++) {
                    pool.add(RgbImage.of(
                            generator.good(setup, setups.nextLong(), poolSize).image()));
                    poolFamily.add(f);
                }
                progress.accept(pool.size());
            }
        }
        this.surfaces = List.copyOf(surfaces);
        for (int k = 0; k < surfaces.size(); k++) {
            FrameGenerator photographed = new FrameGenerator(new ImageTexture(surfaces.get(k)));
            for (int cam = 0; cam < camerasPerSurface; cam++) {
                CameraSetup setup = CameraSetup.random(MaterialFamily.GRANULAR, setups.nextLong());
                for (int i = 0; i < framesPerCamera; i++) {
                    pool.add(RgbImage.of(photographed
                            .good(setup, setups.nextLong(), poolSize)
                            .image()));
                    poolFamily.add(families.size() + k);
                }
                progress.accept(pool.size());
            }
        }
    }

    /** Classes of the classification task: the families, then the surface samples. */
    public int classes() {
        return families.size() + surfaces.size();
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
        int grid = size / patch;
        int[] family = new int[batch];
        int[] pasted = new int[batch * grid * grid];
        for (int b = 0; b < batch; b++) {
            int pick = random.nextInt(pool.size());
            family[b] = poolFamily.get(pick);
            float[] img = augment(pool.get(pick), random.nextInt(4));
            boolean[] mask = new boolean[size * size];
            if (random.nextDouble() < 0.8) {
                int pastes = 1 + random.nextInt(3);
                for (int k = 0; k < pastes; k++) {
                    // the draw order of the shipped pretext is kept, so its model stays reproducible
                    RgbImage other = pool.get(random.nextInt(pool.size()));
                    if (mixed == null) {
                        paste(img, mask, other);
                    } else {
                        mixed.paste(img, mask, other, random);
                    }
                }
            }
            int[] labels = patchLabels(mask, grid);
            System.arraycopy(labels, 0, pasted, b * grid * grid, labels.length);
            System.arraycopy(img, 0, images, b * img.length, img.length);
        }
        return new LabelledBatch(batch, images, family, pasted);
    }

    /** Pastes a rectangle or a thin scar cut from {@code source} (brightness jittered) into img. */
    private void paste(float[] img, boolean[] mask, RgbImage source) {
        boolean scar = random.nextBoolean();
        int w;
        int h;
        if (scar) {
            int length = 16 + random.nextInt(48);
            int width = 2 + random.nextInt(4);
            boolean vertical = random.nextBoolean();
            w = vertical ? width : length;
            h = vertical ? length : width;
        } else {
            w = 8 + random.nextInt(33);
            h = 8 + random.nextInt(33);
        }
        int sx = random.nextInt(source.width() - w + 1);
        int sy = random.nextInt(source.height() - h + 1);
        int dx = random.nextInt(size - w + 1);
        int dy = random.nextInt(size - h + 1);
        double gain = 0.7 + 0.6 * random.nextDouble();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int d = (dy + y) * size + dx + x;
                int src = ((sy + y) * source.width() + sx + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    img[d * 3 + ch] = (float) Math.min(1, source.pixels()[src + ch] * gain);
                }
                mask[d] = true;
            }
        }
    }

    /** A patch counts as pasted when at least a tenth of its pixels were. */
    private int[] patchLabels(boolean[] mask, int grid) {
        int[] labels = new int[grid * grid];
        int threshold = Math.max(1, patch * patch / 10);
        for (int gy = 0; gy < grid; gy++) {
            for (int gx = 0; gx < grid; gx++) {
                int count = 0;
                for (int y = 0; y < patch; y++) {
                    for (int x = 0; x < patch; x++) {
                        if (mask[(gy * patch + y) * size + gx * patch + x]) {
                            count++;
                        }
                    }
                }
                labels[gy * grid + gx] = count >= threshold ? 1 : 0;
            }
        }
        return labels;
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
        double[] gain = {
            0.9 + 0.2 * random.nextDouble(), 0.9 + 0.2 * random.nextDouble(), 0.9 + 0.2 * random.nextDouble()
        };
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
