package io.ultraline.defect.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a ground-truth defect mask into regions. Pixels whose neighbourhoods (within
 * {@code joinRadius} pixels, Chebyshev) touch belong to one region, so the speckled mask of a
 * single misprint or dent stays one region; each region keeps only its own mask pixels.
 */
public final class TruthRegions {

    private TruthRegions() {}

    public static List<boolean[]> of(boolean[] mask, int width, int height, int joinRadius) {
        int[] label = new int[mask.length];
        java.util.Arrays.fill(label, -1);
        List<boolean[]> regions = new ArrayList<>();
        int[] queue = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] >= 0) {
                continue;
            }
            boolean[] region = new boolean[mask.length];
            int id = regions.size();
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = id;
            while (head < tail) {
                int p = queue[head++];
                region[p] = true;
                int px = p % width;
                int py = p / width;
                for (int y = Math.max(0, py - joinRadius); y <= Math.min(height - 1, py + joinRadius); y++) {
                    for (int x = Math.max(0, px - joinRadius); x <= Math.min(width - 1, px + joinRadius); x++) {
                        int q = y * width + x;
                        if (mask[q] && label[q] < 0) {
                            label[q] = id;
                            queue[tail++] = q;
                        }
                    }
                }
            }
            regions.add(region);
        }
        return regions;
    }
}
