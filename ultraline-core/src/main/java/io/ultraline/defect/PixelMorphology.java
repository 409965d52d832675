package io.ultraline.defect;

/** Small binary-mask operations on row-major grids, shared by the pixel maskers. */
final class PixelMorphology {

    private PixelMorphology() {}

    /** Cells within {@code radius} (Chebyshev) of a set cell. */
    static boolean[] dilate(boolean[] mask, int height, int width, int radius) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!mask[y * width + x]) {
                    continue;
                }
                for (int yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
                    for (int xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                        out[yy * width + xx] = true;
                    }
                }
            }
        }
        return out;
    }

    /** Cells whose whole {@code radius} neighbourhood (inside the grid) is set. */
    static boolean[] erode(boolean[] mask, int height, int width, int radius) {
        boolean[] inverse = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            inverse[i] = !mask[i];
        }
        boolean[] grown = dilate(inverse, height, width, radius);
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = !grown[i];
        }
        return out;
    }

    /**
     * The 8-connected components of {@code mask} that contain at least one {@code anchor} cell:
     * pixels that depart from the background but touch none of the region's evidence are
     * texture, not defect.
     */
    static boolean[] keepAnchored(boolean[] mask, boolean[] anchor, int height, int width) {
        boolean[] out = new boolean[mask.length];
        boolean[] seen = new boolean[mask.length];
        int[] queue = new int[mask.length];
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            int tail = 0;
            queue[tail++] = start;
            seen[start] = true;
            boolean anchored = false;
            for (int head = 0; head < tail; head++) {
                int p = queue[head];
                anchored |= anchor[p];
                int py = p / width;
                int px = p % width;
                for (int y = Math.max(0, py - 1); y <= Math.min(height - 1, py + 1); y++) {
                    for (int x = Math.max(0, px - 1); x <= Math.min(width - 1, px + 1); x++) {
                        int q = y * width + x;
                        if (mask[q] && !seen[q]) {
                            seen[q] = true;
                            queue[tail++] = q;
                        }
                    }
                }
            }
            if (anchored) {
                for (int i = 0; i < tail; i++) {
                    out[queue[i]] = true;
                }
            }
        }
        return out;
    }

    /**
     * The mask with its holes filled: unset cells that no path of unset cells (4-connected)
     * joins to the grid's border or to a cell outside {@code within}.
     */
    static boolean[] fillHoles(boolean[] mask, boolean[] within, int height, int width) {
        boolean[] outside = new boolean[mask.length];
        int[] queue = new int[mask.length];
        int tail = 0;
        for (int p = 0; p < mask.length; p++) {
            int x = p % width;
            int y = p / width;
            boolean edge = x == 0 || y == 0 || x == width - 1 || y == height - 1 || !within[p];
            if (!mask[p] && edge) {
                outside[p] = true;
                queue[tail++] = p;
            }
        }
        for (int head = 0; head < tail; head++) {
            int p = queue[head];
            int x = p % width;
            int y = p / width;
            int[] next = {
                x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1, y < height - 1 ? p + width : -1
            };
            for (int q : next) {
                if (q >= 0 && !mask[q] && !outside[q]) {
                    outside[q] = true;
                    queue[tail++] = q;
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int p = 0; p < mask.length; p++) {
            out[p] = !outside[p];
        }
        return out;
    }

    /** Cells where at least {@code votes} of the 3 x 3 neighbourhood (inside the grid) are set. */
    static boolean[] majority(boolean[] mask, int height, int width, int votes) {
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = 0;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(height - 1, y + 1); yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(width - 1, x + 1); xx++) {
                        n += mask[yy * width + xx] ? 1 : 0;
                    }
                }
                out[y * width + x] = n >= votes;
            }
        }
        return out;
    }

    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
