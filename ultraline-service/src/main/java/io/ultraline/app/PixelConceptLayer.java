package io.ultraline.app;

import io.ultraline.frame.RgbImage;
import io.ultraline.ultra.ConceptResolution;
import io.ultraline.ultra.render.GridOverlay;

/**
 * The overlay's concept layer at pixel resolution: the explanation record carries token labels, and
 * the overlay has the frame, so the labels are refined by the frame's own colours
 * ({@link ConceptResolution#PIXEL}) as {@code explain} and {@code evaluate} do. Refinement costs
 * about 90 bytes a pixel, so a frame above {@link #MAX_PIXELS} is first sampled down (nearest
 * pixel) to fit; labels at that size still sit far below the token grid.
 */
final class PixelConceptLayer {

    /** Most pixels refined per overlay: 256 x 256, a few MiB of working memory. */
    static final long MAX_PIXELS = 256L * 256L;

    private final RgbImage sample;

    private PixelConceptLayer(RgbImage sample) {
        this.sample = sample;
    }

    /** Keeps the frame, sampled down to {@link #MAX_PIXELS} where it is larger. */
    static PixelConceptLayer of(RgbImage frame) {
        long pixels = (long) frame.width() * frame.height();
        if (pixels <= MAX_PIXELS) {
            return new PixelConceptLayer(frame);
        }
        double scale = Math.sqrt((double) MAX_PIXELS / pixels);
        int w = Math.max(1, (int) (frame.width() * scale));
        int h = Math.max(1, (int) (frame.height() * scale));
        float[] out = new float[w * h * 3];
        float[] in = frame.pixels();
        for (int y = 0; y < h; y++) {
            int sy = (int) ((long) y * frame.height() / h);
            for (int x = 0; x < w; x++) {
                int sx = (int) ((long) x * frame.width() / w);
                System.arraycopy(in, (sy * frame.width() + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new PixelConceptLayer(new RgbImage(w, h, out));
    }

    /** Width and height the labels are refined at. */
    int width() {
        return sample.width();
    }

    int height() {
        return sample.height();
    }

    /** Tints the overlay with the refined concepts of {@code tokenLabels} on a {@code gridH x gridW} grid. */
    void draw(GridOverlay overlay, int[] tokenLabels, int gridH, int gridW, double alpha) {
        int[] labels = ConceptResolution.PIXEL.pixelLabels(
                tokenLabels, gridH, gridW, sample.pixels(), sample.width(), sample.height());
        overlay.conceptPixels(labels, sample.width(), sample.height(), alpha);
    }
}
