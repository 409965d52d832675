package io.ultraline.app;

import io.ultraline.frame.RgbImage;
import io.ultraline.ultra.ConceptPixelImage;
import io.ultraline.ultra.render.GridOverlay;

/**
 * The overlay's concept layer at pixel resolution: the record's pixel labels where it has them
 * (pipelines from 0.4.0), else its token labels refined by the frame's own colours
 * ({@link ConceptPixelImage}, the frame sampled down to {@link #MAX_PIXELS} first, as the
 * pipeline does), as {@code explain} and {@code evaluate} draw them.
 */
final class PixelConceptLayer {

    /** Most pixels refined per overlay: 256 x 256, a few MiB of working memory. */
    static final long MAX_PIXELS = ConceptPixelImage.DEFAULT_MAX_PIXELS;

    private final RgbImage frame;

    private PixelConceptLayer(RgbImage frame) {
        this.frame = frame;
    }

    /** Keeps the frame for refinement. */
    static PixelConceptLayer of(RgbImage frame) {
        return new PixelConceptLayer(frame);
    }

    /** Tints the overlay with the refined concepts of {@code tokenLabels} on a {@code gridH x gridW} grid. */
    void draw(GridOverlay overlay, int[] tokenLabels, int gridH, int gridW, double alpha) {
        draw(overlay, refine(tokenLabels, gridH, gridW), alpha);
    }

    /** Tints the overlay with pixel labels as given. */
    static void draw(GridOverlay overlay, ConceptPixelImage labels, double alpha) {
        overlay.conceptPixels(labels.labels(), labels.width(), labels.height(), alpha);
    }

    /** The refined labels at the bounded size. */
    ConceptPixelImage refine(int[] tokenLabels, int gridH, int gridW) {
        return ConceptPixelImage.refined(
                tokenLabels, gridH, gridW, frame.pixels(), frame.width(), frame.height(), MAX_PIXELS);
    }
}
