package io.ultraline.defect;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** 4-connected flood fill on a row-major token grid. */
final class GridComponents {

    private GridComponents() {}

    /**
     * The 4-connected set of cells reachable from {@code start} through cells that satisfy
     * {@code member} ({@code start} is included whether or not it does), ascending.
     */
    static int[] grow(int start, int gridH, int gridW, IntPredicate member) {
        boolean[] seen = new boolean[gridH * gridW];
        int[] queue = new int[gridH * gridW];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        seen[start] = true;
        while (head < tail) {
            int cell = queue[head++];
            int row = cell / gridW;
            int col = cell % gridW;
            if (row > 0) {
                tail = visit(cell - gridW, seen, queue, tail, member);
            }
            if (row < gridH - 1) {
                tail = visit(cell + gridW, seen, queue, tail, member);
            }
            if (col > 0) {
                tail = visit(cell - 1, seen, queue, tail, member);
            }
            if (col < gridW - 1) {
                tail = visit(cell + 1, seen, queue, tail, member);
            }
        }
        int[] cells = Arrays.copyOf(queue, tail);
        Arrays.sort(cells);
        return cells;
    }

    /** Checks the arguments every {@link RegionFinder} takes. */
    static void requireGrid(float[] scores, int[] labels, int gridH, int gridW, float threshold) {
        if (gridH < 1 || gridW < 1) {
            throw new IllegalArgumentException("the grid must be at least 1 x 1, got " + gridH + " x " + gridW);
        }
        long n = (long) gridH * gridW;
        if (scores.length != n || labels.length != n) {
            throw new IllegalArgumentException("a " + gridH + " x " + gridW + " grid needs " + n
                    + " scores and labels, got " + scores.length + " and " + labels.length);
        }
        if (!(threshold >= 0f) || !Float.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite and >= 0, got " + threshold);
        }
    }

    private static int visit(int cell, boolean[] seen, int[] queue, int tail, IntPredicate member) {
        if (!seen[cell] && member.test(cell)) {
            seen[cell] = true;
            queue[tail++] = cell;
        }
        return tail;
    }
}
