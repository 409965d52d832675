package io.ultraline.defect;

import java.util.Arrays;

/**
 * Pixel masks from the frame's own appearance, a nearest-neighbour rule like the token scores but
 * on small pixel patches of this one frame. Tokens a little way outside a region that no region
 * claims and that score at most 0.6 of the threshold are its local background. A pixel near the region
 * belongs to the defect when the patch around it is farther from every sampled background patch
 * than background patches are from each other (a held-out high quantile of their own nearest
 * distances), and when its 8-connected component touches the region's tokens. A texture with
 * several colours stays background because every part of it is in the sample; a stain that only
 * darkens the texture departs because its patches are darker than all of them.
 *
 * <p>With {@link Background#CONCEPT} the background also leaves out tokens of the small ULTra
 * concepts (under a quarter of the grid) that the region's tokens carry: ULTra groups a defect's
 * faint border with the defect, so those tokens would teach the background the defect's
 * appearance. docs/evaluation.md measures it level with the geometric ring, not better. With
 * {@link Background#NEAREST} the background stays next to the region even where the scores around
 * it are high, and with hysteresis below 1 pixels a little closer to the background join the
 * departing ones they touch: together the default since issue 18's second round.
 *
 * <p>Departing pixels are cleaned before they become the mask: a pixel stays when at least 4 of
 * its 3 x 3 neighbourhood depart, components must touch the region's tokens, and holes are
 * filled.
 *
 * <p>When no pixel departs (a defect only the tokens see) the mask comes from the fallback.
 */
public final class AppearanceMasker implements PixelMasker {

    /** Which tokens teach the background ({@link BackgroundRing} says how each picks them). */
    public enum Background {
        GEOMETRIC,
        CONCEPT,
        NEAREST
    }

    private static final int SAMPLES = 256;
    private static final float MIN_DEPARTURE = 0.03f;
    /** A departing pixel stays when 4 of its 3 x 3 neighbourhood depart: single pixels are noise. */
    private static final int VOTES = 4;

    private final Background background;
    private final PatchDescriptor patches;
    private final int ringFrom;
    private final float quantile;
    private final float hysteresis;
    private final PixelMasker fallback;

    /**
     * @param background which tokens form the background
     * @param patchRadius pixels around each pixel its descriptor covers (0: its colour alone)
     * @param ringFrom the background starts this many tokens (Chebyshev) away from the region, 1
     *     or 2; the search covers the region and one token around it
     * @param quantile quantile of the background's own nearest distances a defect pixel must
     *     exceed, in (0, 1]
     * @param fallback used when no pixel departs
     */
    public AppearanceMasker(
            Background background, int patchRadius, int ringFrom, float quantile, PixelMasker fallback) {
        this(background, patchRadius, ringFrom, quantile, 1f, fallback);
    }

    /**
     * As {@link #AppearanceMasker(Background, int, int, float, PixelMasker)}, with pixel
     * hysteresis: pixels farther than {@code hysteresis} times the departure limit join the mask
     * when they connect to a departing pixel kept by the clean-up. A defect's edge and a dent's
     * soft shading fade into the texture, so the strict limit keeps only their core.
     *
     * @param hysteresis share of the departure limit for joining pixels, in (0, 1]; 1 is off
     */
    public AppearanceMasker(
            Background background,
            int patchRadius,
            int ringFrom,
            float quantile,
            float hysteresis,
            PixelMasker fallback) {
        if (background == null || fallback == null) {
            throw new IllegalArgumentException("background and fallback are required");
        }
        if (ringFrom < 1 || ringFrom > 2) {
            throw new IllegalArgumentException("ringFrom must be 1 or 2, got " + ringFrom);
        }
        if (!(quantile > 0f && quantile <= 1f)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], got " + quantile);
        }
        if (!(hysteresis > 0f && hysteresis <= 1f)) {
            throw new IllegalArgumentException("hysteresis must be in (0, 1], got " + hysteresis);
        }
        this.hysteresis = hysteresis;
        this.background = background;
        this.patches = new PatchDescriptor(patchRadius);
        this.ringFrom = ringFrom;
        this.quantile = quantile;
        this.fallback = fallback;
    }

    @Override
    public boolean[] mask(RegionContext frame, TokenRegion region) {
        boolean[] cells = region.cells(frame.gridH() * frame.gridW());
        FramePixels px = frame.pixels();
        int[] cellOf = frame.cellOfPixels();
        int[] ringPixels = pixelsIn(BackgroundRing.of(background, frame, region, cells, ringFrom), cellOf);
        if (ringPixels.length < 16) {
            return fallback.mask(frame, region);
        }
        PatchDescriptor.Reference reference = new PatchDescriptor.Reference(patches.sample(px, ringPixels, 0, SAMPLES));
        float[][] heldOut = patches.sample(px, ringPixels, 1, SAMPLES);
        float[] own = new float[heldOut.length];
        for (int i = 0; i < own.length; i++) {
            own[i] = reference.nearest(heldOut[i]);
        }
        Arrays.sort(own);
        float limit =
                Math.max(MIN_DEPARTURE, own[Math.min(own.length - 1, (int) Math.ceil(quantile * own.length) - 1)]);
        boolean[] search = PixelMorphology.dilate(cells, frame.gridH(), frame.gridW(), 1);
        boolean[] departs = new boolean[px.size()];
        boolean[] joins = new boolean[px.size()];
        boolean[] anchor = new boolean[px.size()];
        for (int p = 0; p < departs.length; p++) {
            if (search[cellOf[p]]) {
                float distance = reference.nearest(patches.at(px, p));
                departs[p] = distance > limit;
                joins[p] = distance > hysteresis * limit;
                anchor[p] = cells[cellOf[p]];
            }
        }
        departs = PixelMorphology.majority(departs, px.height(), px.width(), VOTES);
        boolean[] out = PixelMorphology.keepAnchored(departs, anchor, px.height(), px.width());
        if (hysteresis < 1f) {
            joins = PixelMorphology.majority(joins, px.height(), px.width(), VOTES);
            for (int p = 0; p < joins.length; p++) {
                joins[p] |= out[p];
            }
            out = PixelMorphology.keepAnchored(joins, out, px.height(), px.width());
        }
        boolean[] inSearch = new boolean[px.size()];
        for (int p = 0; p < inSearch.length; p++) {
            inSearch[p] = search[cellOf[p]];
        }
        // a defect's uniform inside can match some background colour; true defects have no holes
        out = PixelMorphology.fillHoles(out, inSearch, px.height(), px.width());
        return PixelMorphology.count(out) > 0 ? out : fallback.mask(frame, region);
    }

    private static int[] pixelsIn(boolean[] cells, int[] cellOf) {
        int count = 0;
        for (int c : cellOf) {
            count += cells[c] ? 1 : 0;
        }
        int[] out = new int[count];
        int at = 0;
        for (int p = 0; p < cellOf.length; p++) {
            if (cells[cellOf[p]]) {
                out[at++] = p;
            }
        }
        return out;
    }
}
