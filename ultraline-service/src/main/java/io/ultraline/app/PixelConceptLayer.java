package io.ultraline.app;

import io.ultraline.frame.RgbImage;
import io.ultraline.ultra.ConceptPixelImage;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.render.GridOverlay;
import java.util.Arrays;
import java.util.List;

/**
 * The overlay's concept layer at pixel resolution: the record's pixel labels where it has them
 * (pipelines from 0.4.0), else its token labels refined by the frame's own colours
 * ({@link ConceptPixelImage}, the frame sampled down to {@link #MAX_PIXELS} first, as the
 * pipeline does), as {@code explain} and {@code evaluate} draw them; coloured by the camera's
 * concept ids where the record has them.
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

    /**
     * The labels renamed by the camera's concept ids (FrameExplanation.conceptIds), so a material
     * has one colour on every frame of the camera and the concepts it was split into share it; a
     * concept the camera never showed at calibration (-1) a colour past every camera id
     * ({@link ConceptAlignment#colourLabels}). As given when the record has no ids or they do not fit.
     */
    static ConceptPixelImage byCameraId(ConceptPixelImage labels, List<Integer> conceptIds) {
        if (conceptIds == null) {
            return labels;
        }
        int[] own = labels.labels();
        if (Arrays.stream(own).anyMatch(label -> label < 0 || label >= conceptIds.size())) {
            return labels;
        }
        int[] ids = conceptIds.stream().mapToInt(Integer::intValue).toArray();
        return new ConceptPixelImage(labels.width(), labels.height(), ConceptAlignment.colourLabels(own, ids));
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
