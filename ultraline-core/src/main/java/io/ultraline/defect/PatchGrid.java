package io.ultraline.defect;

/**
 * Where square patches sit on an image of one size, how to cut them out as flat vectors, and how
 * per-patch scores spread back over the pixels (each pixel takes the highest patch covering it).
 * Positions run every {@code stride} pixels plus one flush with the far edge when the stride
 * misses it, so every pixel is covered.
 */
public final class PatchGrid {

    private final int width;
    private final int height;
    private final int patch;
    private final int[] xs;
    private final int[] ys;

    /** Patches of {@code patch} px every {@code stride} px on a {@code width x height} image. */
    public PatchGrid(int width, int height, int patch, int stride) {
        if (patch < 1 || stride < 1) {
            throw new IllegalArgumentException(
                    "patch size and stride must be positive, got " + patch + " and " + stride);
        }
        if (width < patch || height < patch) {
            throw new IllegalArgumentException(
                    "image " + width + "x" + height + " is smaller than the " + patch + " px patch");
        }
        this.width = width;
        this.height = height;
        this.patch = patch;
        this.xs = starts(width, patch, stride);
        this.ys = starts(height, patch, stride);
    }

    private static int[] starts(int size, int patch, int stride) {
        int regular = (size - patch) / stride + 1;
        boolean flush = (regular - 1) * stride + patch < size;
        int[] out = new int[regular + (flush ? 1 : 0)];
        for (int i = 0; i < regular; i++) {
            out[i] = i * stride;
        }
        if (flush) {
            out[regular] = size - patch;
        }
        return out;
    }

    /** Patches per image. */
    public int count() {
        return xs.length * ys.length;
    }

    /** Patches per row; patches are numbered row by row. */
    public int columns() {
        return xs.length;
    }

    /** Values per patch: patch x patch x 3. */
    public int dim() {
        return patch * patch * 3;
    }

    /** Writes every patch of {@code image} into {@code out}, starting at patch index {@code at}. */
    public void extractAll(float[] image, float[] out, int at) {
        if (image.length != width * height * 3) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected " + width + "x" + height
                    + "x3 = " + width * height * 3);
        }
        int row = patch * 3;
        int o = at * dim();
        for (int y : ys) {
            for (int x : xs) {
                for (int dy = 0; dy < patch; dy++) {
                    System.arraycopy(image, ((y + dy) * width + x) * 3, out, o, row);
                    o += row;
                }
            }
        }
    }

    /** The pixel map: each pixel the maximum score of the patches that cover it. */
    public float[] maxOverCovering(float[] patchScores) {
        float[] out = new float[width * height];
        int i = 0;
        for (int y : ys) {
            for (int x : xs) {
                float s = patchScores[i++];
                for (int py = y; py < y + patch; py++) {
                    for (int px = x; px < x + patch; px++) {
                        int p = py * width + px;
                        out[p] = Math.max(out[p], s);
                    }
                }
            }
        }
        return out;
    }
}
