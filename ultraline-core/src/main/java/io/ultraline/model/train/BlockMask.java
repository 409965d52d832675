package io.ultraline.model.train;

import java.util.SplittableRandom;

/**
 * Block-wise patch masks for masked-token prediction, in the manner of BEiT: rectangles of
 * patches of random area and aspect are masked until a set share of the grid is, because single
 * scattered patches can be filled in from their neighbours by interpolation alone, while a block
 * makes the student infer content from farther context. Only a share of the images in a batch is
 * masked: the other pretexts still see whole frames, as inference does.
 *
 * <p>Draws come from this object's own generator, so switching masking on leaves the training
 * data's draws (and with them the shipped model's recipe) untouched.
 */
public final class BlockMask {

    private static final double MIN_ASPECT = 0.3;

    private final int rows;
    private final int cols;
    private final int perImage;
    private final double imageShare;
    private final SplittableRandom random;

    /**
     * @param ratio      share of an image's patches to mask, in (0, 1)
     * @param imageShare share of the images that get a mask at all, in (0, 1]
     */
    public BlockMask(int rows, int cols, double ratio, double imageShare, long seed) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("the patch grid must be at least 1 x 1, got " + rows + " x " + cols);
        }
        if (!(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("the mask ratio must lie in (0, 1), got " + ratio);
        }
        if (!(imageShare > 0 && imageShare <= 1)) {
            throw new IllegalArgumentException("the share of masked images must lie in (0, 1], got " + imageShare);
        }
        this.rows = rows;
        this.cols = cols;
        this.perImage = Math.max(1, (int) Math.round(ratio * rows * cols));
        this.imageShare = imageShare;
        this.random = new SplittableRandom(seed);
    }

    /** Patches masked in an image that gets a mask. */
    public int patchesPerMaskedImage() {
        return perImage;
    }

    /** Masks for a batch, [images * rows * cols] row-major per image, 1 where the patch is masked. */
    public float[] next(int images) {
        int n = rows * cols;
        float[] out = new float[images * n];
        for (int b = 0; b < images; b++) {
            if (random.nextDouble() < imageShare) {
                fill(out, b * n);
            }
        }
        return out;
    }

    /** Masks exactly {@link #perImage} patches of one image, mostly as blocks. */
    private void fill(float[] out, int offset) {
        int masked = 0;
        int misses = 0;
        while (masked < perImage && misses < 20) {
            int left = perImage - masked;
            int area = 1 + random.nextInt(Math.max(1, Math.min(left, rows * cols / 3)));
            double aspect = Math.exp(Math.log(MIN_ASPECT) + random.nextDouble() * -2 * Math.log(MIN_ASPECT));
            int h = Math.min(rows, Math.max(1, (int) Math.round(Math.sqrt(area * aspect))));
            int w = Math.min(cols, Math.max(1, (int) Math.round(Math.sqrt(area / aspect))));
            int top = random.nextInt(rows - h + 1);
            int lft = random.nextInt(cols - w + 1);
            int added = 0;
            for (int y = top; y < top + h; y++) {
                for (int x = lft; x < lft + w; x++) {
                    added += out[offset + y * cols + x] == 0 ? 1 : 0;
                }
            }
            if (added == 0 || added > left) {
                misses++;
                continue;
            }
            for (int y = top; y < top + h; y++) {
                for (int x = lft; x < lft + w; x++) {
                    out[offset + y * cols + x] = 1;
                }
            }
            masked += added;
        }
        // a few single patches close the gap when no block fits the remainder exactly
        while (masked < perImage) {
            int i = random.nextInt(rows * cols);
            if (out[offset + i] == 0) {
                out[offset + i] = 1;
                masked++;
            }
        }
    }
}
