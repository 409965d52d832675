package io.ultraline.defect.eval;

import io.ultraline.defect.PixelComponents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a ground-truth defect mask into regions. Pixels whose neighbourhoods (within
 * {@code joinRadius} pixels, Chebyshev) touch belong to one region, so the speckled mask of a
 * single misprint or dent stays one region; each region keeps only its own mask pixels.
 *
 * <p>Where the dataset records the box of every painted defect, {@link #byDefect} makes each defect
 * one region: a misprint's ink droplets several pixels from its blob are pieces of that misprint,
 * not defects of their own that a region must match separately.
 */
public final class TruthRegions {

    /** A painted defect's bounding box, in mask pixels. */
    public record Box(int x, int y, int width, int height) {
        boolean contains(int px, int py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    private TruthRegions() {}

    public static List<boolean[]> of(boolean[] mask, int width, int height, int joinRadius) {
        return PixelComponents.of(mask, width, height, joinRadius);
    }

    /**
     * Joins the regions of {@link #of} that belong to one painted defect: each goes to the box that
     * holds most of its pixels (the first such box on a tie), and the regions of one box become one.
     * A region outside every box stays on its own, as does every region when there are no boxes.
     * Regions come out in the order of their first piece.
     */
    public static List<boolean[]> byDefect(List<boolean[]> regions, List<Box> boxes, int width) {
        Map<Integer, boolean[]> joined = new LinkedHashMap<>();
        List<boolean[]> out = new ArrayList<>();
        for (boolean[] region : regions) {
            int owner = boxHoldingMost(region, boxes, width);
            if (owner < 0) {
                out.add(region.clone());
                continue;
            }
            boolean[] into = joined.get(owner);
            if (into == null) {
                into = region.clone();
                joined.put(owner, into);
                out.add(into);
            } else {
                for (int p = 0; p < region.length; p++) {
                    into[p] |= region[p];
                }
            }
        }
        return out;
    }

    /**
     * The index of the box holding most of {@code region}'s pixels ({@code width}-wide row-major),
     * the first such box on a tie; -1 when no box holds any.
     */
    public static int boxHoldingMost(boolean[] region, List<Box> boxes, int width) {
        int best = -1;
        int bestCount = 0;
        for (int b = 0; b < boxes.size(); b++) {
            Box box = boxes.get(b);
            int count = 0;
            for (int p = 0; p < region.length; p++) {
                if (region[p] && box.contains(p % width, p / width)) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = b;
                bestCount = count;
            }
        }
        return best;
    }
}
