package io.ultraline.inspect;

import io.ultraline.defect.DefectRegionResult;
import io.ultraline.defect.FrameAssessment;
import io.ultraline.ultra.render.GridOverlay;
import java.awt.image.BufferedImage;

/**
 * The picture of one assessed frame: token scores as a heatmap from 0 to twice the threshold, and
 * the outline of every defect region (its pixel mask where it has one, else its tokens). Shared by {@code ultraline inspect} and the audit report.
 */
public final class AssessmentOverlay {

    /** Outline colour of the assessment's own defect regions. */
    public static final int DEFECT_OUTLINE = 0x00ff40;

    private AssessmentOverlay() {}

    /** The heatmap and outlines over {@code frame}, scaled so its short side is at least {@code minSide}. */
    public static GridOverlay draw(BufferedImage frame, FrameAssessment a, int minSide) {
        GridOverlay overlay = new GridOverlay(frame, a.gridHeight(), a.gridWidth(), minSide)
                .heatmap(a.tokenScores(), 0, 2 * a.threshold(), 0.45);
        for (DefectRegionResult d : a.regions()) {
            if (d.pixelMask() != null) {
                overlay.outlinePixels(
                        d.pixelMask().decode(),
                        d.pixelMask().gridWidth(),
                        d.pixelMask().gridHeight(),
                        DEFECT_OUTLINE);
            } else {
                overlay.outline(d.mask().decode(), DEFECT_OUTLINE);
            }
        }
        return overlay;
    }
}
