package io.ultraline.defect;

import io.ultraline.ultra.PixelBox;
import io.ultraline.ultra.RunLengthMask;

/**
 * One defect region of one frame, in the shape of the Avro {@code DefectRegion} record (without
 * the stamps the stream adds).
 *
 * @param conceptId ULTra concept the region was cut from, or {@link TokenRegion#NO_CONCEPT}
 * @param mask the region on the token grid
 * @param box bounding box in frame pixels, under nearest-neighbour upsampling of the grid
 *     ({@link io.ultraline.ultra.MaskUpsampling})
 * @param tokenArea number of patch tokens in the region
 * @param pixelArea number of frame pixels those tokens cover
 * @param score highest token score inside the region
 * @param explanation sum of the region tokens' ULTra maps (after the self-entry fix) over the N
 *     patches: which patches the region's tokens draw on, quantised
 * @param pixelMask the region at pixel resolution ({@code gridHeight} rows = pixel rows of the
 *     image the {@link PixelMasker} saw, which covers the whole frame and may be smaller than it),
 *     or null when the frame's pixels were not at hand; when present, {@code box} and
 *     {@code pixelArea} come from it, scaled to the frame
 */
public record DefectRegionResult(
        int conceptId,
        RunLengthMask mask,
        PixelBox box,
        int tokenArea,
        int pixelArea,
        float score,
        QuantisedHeatmap explanation,
        RunLengthMask pixelMask) {

    /** A region known only on the token grid. */
    public DefectRegionResult(
            int conceptId,
            RunLengthMask mask,
            PixelBox box,
            int tokenArea,
            int pixelArea,
            float score,
            QuantisedHeatmap explanation) {
        this(conceptId, mask, box, tokenArea, pixelArea, score, explanation, null);
    }

    /** Checks that the parts are present and agree. */
    public DefectRegionResult {
        if (mask == null || box == null || explanation == null) {
            throw new IllegalArgumentException("mask, box and explanation are required");
        }
        if (tokenArea != mask.setCount() || tokenArea < 1) {
            throw new IllegalArgumentException("tokenArea " + tokenArea + " must be positive and " + "equal the mask's "
                    + mask.setCount() + " set cells");
        }
        if (pixelArea < 1) {
            throw new IllegalArgumentException("pixelArea must be positive, got " + pixelArea);
        }
        if (pixelMask != null && pixelMask.setCount() < 1) {
            throw new IllegalArgumentException("a pixel mask needs at least one set pixel");
        }
    }
}
