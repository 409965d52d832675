package io.ultraline.ultra;

import java.util.Arrays;

/**
 * The cells of a label grid that touch another concept (among their 8 neighbours), and for each
 * the concepts a pixel inside it may take: its own and its neighbours', ascending.
 */
final class BoundaryCells {

    private final int[][] candidates;
    private final boolean any;

    private BoundaryCells(int[][] candidates, boolean any) {
        this.candidates = candidates;
        this.any = any;
    }

    static BoundaryCells of(int[] labels, int gridH, int gridW, int reach) {
        int[][] candidates = new int[labels.length][];
        boolean any = false;
        for (int r = 0; r < gridH; r++) {
            for (int c = 0; c < gridW; c++) {
                int[] seen = new int[(2 * reach + 1) * (2 * reach + 1)];
                int count = 0;
                for (int dr = -reach; dr <= reach; dr++) {
                    for (int dc = -reach; dc <= reach; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if (rr < 0 || rr >= gridH || cc < 0 || cc >= gridW) {
                            continue;
                        }
                        int label = labels[rr * gridW + cc];
                        if (!contains(seen, count, label)) {
                            seen[count++] = label;
                        }
                    }
                }
                int[] own = Arrays.copyOf(seen, count);
                Arrays.sort(own);
                candidates[r * gridW + c] = own;
                any |= count > 1;
            }
        }
        return new BoundaryCells(candidates, any);
    }

    private static boolean contains(int[] values, int count, int value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /** Whether some cell touches another concept. */
    boolean any() {
        return any;
    }

    /** Whether cell {@code cell} touches another concept. */
    boolean boundary(int cell) {
        return candidates[cell].length > 1;
    }

    /** The concepts a pixel of cell {@code cell} may take, ascending (shared array: do not modify). */
    int[] candidates(int cell) {
        return candidates[cell];
    }
}
