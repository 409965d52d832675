package io.ultraline.ultra;

import java.util.Arrays;

/**
 * Pixel concept labels of one frame at a bounded size, as the explanation records carry them and
 * the dashboard draws them: the frame is sampled down (nearest pixel) until it has at most
 * {@code maxPixels} pixels, then its token labels are refined by {@link ConceptResolution#PIXEL}.
 * The bound keeps the refinement's working memory (about 90 bytes a pixel) and the record small
 * whatever the camera's resolution; at 256 x 256 a label pixel still sits far below any token.
 *
 * @param width label columns (the frame's width, or less when sampled down)
 * @param height label rows
 * @param labels concept of every label pixel, row-major
 */
public record ConceptPixelImage(int width, int height, int[] labels) {

    /** The size explanation records and overlays refine at: 256 x 256 pixels. */
    public static final long DEFAULT_MAX_PIXELS = 256L * 256L;

    /** Checks the size and copies the labels. */
    public ConceptPixelImage {
        if (width < 1 || height < 1 || labels.length != (long) width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " label image needs "
                    + (long) width * height + " labels, got " + labels.length);
        }
        labels = labels.clone();
    }

    /**
     * The refined labels of a {@code width x height} RGB frame, sampled down to at most
     * {@code maxPixels} pixels first.
     */
    public static ConceptPixelImage refined(
            int[] cellLabels, int gridH, int gridW, float[] rgb, int width, int height, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
        long pixels = (long) width * height;
        int w = width;
        int h = height;
        float[] sample = rgb;
        if (pixels > maxPixels) {
            double scale = Math.sqrt((double) maxPixels / pixels);
            w = Math.max(1, (int) (width * scale));
            h = Math.max(1, (int) (height * scale));
            sample = new float[w * h * 3];
            for (int y = 0; y < h; y++) {
                int sy = (int) ((long) y * height / h);
                for (int x = 0; x < w; x++) {
                    int sx = (int) ((long) x * width / w);
                    System.arraycopy(rgb, (sy * width + sx) * 3, sample, (y * w + x) * 3, 3);
                }
            }
        }
        int[] labels = ConceptResolution.PIXEL.pixelLabels(cellLabels, gridH, gridW, sample, w, h);
        return new ConceptPixelImage(w, h, labels);
    }

    /** Run-length form, row-major: (label, run length) pairs, runs never empty. */
    public int[] runs() {
        int[] out = new int[2 * labels.length];
        int count = 0;
        for (int p = 0; p < labels.length; ) {
            int end = p;
            while (end < labels.length && labels[end] == labels[p]) {
                end++;
            }
            out[count++] = labels[p];
            out[count++] = end - p;
            p = end;
        }
        return Arrays.copyOf(out, count);
    }

    /** The inverse of {@link #runs()}; refuses runs that do not cover {@code width x height} exactly. */
    public static ConceptPixelImage fromRuns(int width, int height, int[] runs) {
        long total = (long) width * height;
        if (width < 1 || height < 1 || runs.length % 2 != 0) {
            throw new IllegalArgumentException("runs must be (label, length) pairs over a positive size, got "
                    + runs.length + " values for " + width + " x " + height);
        }
        int[] labels = new int[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        long at = 0;
        for (int i = 0; i < runs.length; i += 2) {
            if (runs[i + 1] < 1 || at + runs[i + 1] > total) {
                throw new IllegalArgumentException("run " + i / 2 + " of length " + runs[i + 1] + " does not fit the "
                        + width + " x " + height + " image");
            }
            Arrays.fill(labels, (int) at, (int) (at + runs[i + 1]), runs[i]);
            at += runs[i + 1];
        }
        if (at != total) {
            throw new IllegalArgumentException("runs cover " + at + " of " + total + " pixels");
        }
        return new ConceptPixelImage(width, height, labels);
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConceptPixelImage c
                && width == c.width
                && height == c.height
                && Arrays.equals(labels, c.labels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "ConceptPixelImage[" + width + "x" + height + "]";
    }
}
