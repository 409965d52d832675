package io.ultraline.defect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connected components of a pixel mask, where pixels within {@code joinRadius} of each other
 * (Chebyshev distance) join one component; each component keeps only the mask's own pixels.
 * Components come in the order of their first pixel, row-major.
 */
public final class PixelComponents {

    private PixelComponents() {}

    /** The components of a row-major {@code width x height} mask. */
    public static List<boolean[]> of(boolean[] mask, int width, int height, int joinRadius) {
        if (mask.length != (long) width * height || joinRadius < 1) {
            throw new IllegalArgumentException("a " + width + " x " + height + " mask with a join radius of at"
                    + " least 1 is required, got " + mask.length + " pixels and radius " + joinRadius);
        }
        int[] label = new int[mask.length];
        Arrays.fill(label, -1);
        List<boolean[]> out = new ArrayList<>();
        int[] queue = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || label[start] >= 0) {
                continue;
            }
            boolean[] component = new boolean[mask.length];
            int id = out.size();
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            label[start] = id;
            while (head < tail) {
                int p = queue[head++];
                component[p] = true;
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
            out.add(component);
        }
        return out;
    }
}
