package io.ultraline.inspect;

import io.ultraline.defect.FrameAssessment;
import io.ultraline.defect.FramePixels;
import io.ultraline.frame.RgbImage;
import io.ultraline.model.ModelOutput;
import io.ultraline.ultra.Segmentation;
import io.ultraline.ultra.align.ConceptAlignment;
import io.ultraline.ultra.align.ConceptPrototypes;

/**
 * Everything known about one inspected frame.
 *
 * @param width      original frame width in pixels
 * @param height     original frame height in pixels
 * @param modelOutput what the model returned: tokens and raw ULTra maps
 * @param segmentation ULTra concepts, or null when the frame was only scanned (two-stage inference)
 * @param assessment scores and defect regions, or null when there is no profile
 * @param image      the frame as inspected (its pixels give regions their pixel masks)
 * @param scoringTokens the tokens scored against the profile: the model's tokens of every shifted
 *     view of the frame, view-major (see {@link FrameInspector}); the model's own tokens when the
 *     inspector does not shift
 * @param modelInput the frame as the model saw it, 8-bit RGB
 *     ({@link io.ultraline.defect.AppearanceBank#quantise}), for the profile's raw-pixel channel;
 *     null when unknown
 */
public record InspectedFrame(
        int width,
        int height,
        ModelOutput modelOutput,
        Segmentation segmentation,
        FrameAssessment assessment,
        RgbImage image,
        float[] scoringTokens,
        byte[] modelInput) {

    /** A frame scored on its model tokens alone. */
    public InspectedFrame(
            int width,
            int height,
            ModelOutput modelOutput,
            Segmentation segmentation,
            FrameAssessment assessment,
            RgbImage image) {
        this(width, height, modelOutput, segmentation, assessment, image, modelOutput.tokens(), null);
    }

    /** Whether the frame has its ULTra maps and concepts. */
    public boolean explained() {
        return segmentation != null;
    }

    /**
     * The camera's id of each of this frame's concept labels by {@code prototypes}
     * ({@link ConceptAlignment#cameraIds}, as FrameExplanation.conceptIds publishes them), -1 for a
     * concept new to the camera; null without prototypes. Needs the frame's segmentation.
     */
    public int[] cameraConceptIds(ConceptPrototypes prototypes) {
        return prototypes == null
                ? null
                : ConceptAlignment.cameraIds(
                        segmentation.labels(), modelOutput.tokens(), modelOutput.dim(), prototypes);
    }

    /** Its number of concepts, 0 before its maps are computed. */
    public int conceptCount() {
        return segmentation == null ? 0 : segmentation.conceptCount();
    }

    /** The frame's colours for {@link io.ultraline.defect.DefectDetector}'s pixel masks. */
    public FramePixels pixels() {
        return new FramePixels(image.width(), image.height(), image.pixels());
    }
}
