package io.ultraline.defect;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a region's pixel mask into the defects it holds (issue 18). One token region often covers
 * several marks: the specks of a misprint, a dent beside a scratch. Pixels within
 * {@value #JOIN_RADIUS} px join one part (a little wider than the 3 px that join ground-truth
 * regions; at 2 px brushed metal lost region IoU); the largest part stays, and so does every part
 * of at least {@value #MIN_PIXELS} pixels and a {@link #SHARE_OF_LARGEST} of the largest one.
 * Smaller parts are colour fragments of the texture, not defects: kept as regions of their own,
 * they cost region precision on 8 of 14 surfaces (docs/evaluation.md).
 */
public final class RegionSplit {

    /** Chebyshev distance within which pixels join one part. */
    public static final int JOIN_RADIUS = 4;
    /** Fewest pixels of a part other than the largest. */
    public static final int MIN_PIXELS = 16;
    /** Smallest size of a part other than the largest, as a share of the largest. */
    public static final double SHARE_OF_LARGEST = 0.25;

    private RegionSplit() {}

    /** The parts of one region's mask that become regions, by the rule above; one part at least for a non-empty mask. */
    public static List<boolean[]> parts(boolean[] mask, int width, int height) {
        return parts(mask, width, height, SHARE_OF_LARGEST);
    }

    /** As {@link #parts(boolean[], int, int)} with another share of the largest (0 keeps every part of {@value #MIN_PIXELS} pixels). */
    public static List<boolean[]> parts(boolean[] mask, int width, int height, double shareOfLargest) {
        List<boolean[]> components = PixelComponents.of(mask, width, height, JOIN_RADIUS);
        int[] sizes = new int[components.size()];
        int largest = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = PixelMorphology.count(components.get(i));
            largest = Math.max(largest, sizes[i]);
        }
        List<boolean[]> out = new ArrayList<>();
        boolean largestKept = false;
        for (int i = 0; i < sizes.length; i++) {
            boolean isLargest = sizes[i] == largest && !largestKept;
            largestKept |= isLargest;
            if (isLargest || (sizes[i] >= MIN_PIXELS && sizes[i] >= shareOfLargest * largest)) {
                out.add(components.get(i));
            }
        }
        return out;
    }
}
