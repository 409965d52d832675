package io.ultraline.ultra;

/**
 * One indexed binary min-heap per row of a distance matrix, so that the nearest neighbour of
 * every cluster is always at hand: O(N) to build a row, O(log N) to drop a column or re-place a
 * column whose distance changed. Heaps order columns by {@code (distance, column index)}, so the
 * top of a row is its nearest column and, among equal distances, the smallest index.
 *
 * <p>The heaps read the distances from the matrix they were given; the owner changes an entry and
 * then calls {@link #moved(int, int)} for it.
 */
final class NeighbourHeaps {

    private final double[][] distances;
    private final int[][] heap;
    private final int[][] position;
    private final int[] length;

    NeighbourHeaps(double[][] distances, boolean[] active) {
        int n = distances.length;
        this.distances = distances;
        this.heap = new int[n][n];
        this.position = new int[n][n];
        this.length = new int[n];
        for (int row = 0; row < n; row++) {
            rebuild(row, active);
        }
    }

    /** The nearest column of a row, or -1 when the row has no other column left. */
    int nearest(int row) {
        return length[row] == 0 ? -1 : heap[row][0];
    }

    /** Refills a row from scratch with every active column but itself. */
    void rebuild(int row, boolean[] active) {
        int[] h = heap[row];
        int count = 0;
        for (int column = 0; column < active.length; column++) {
            position[row][column] = -1;
            if (active[column] && column != row) {
                h[count] = column;
                position[row][column] = count++;
            }
        }
        length[row] = count;
        for (int i = count / 2 - 1; i >= 0; i--) {
            siftDown(row, i);
        }
    }

    /** Drops a column from a row. */
    void remove(int row, int column) {
        int i = position[row][column];
        int last = --length[row];
        position[row][column] = -1;
        if (i != last) {
            place(row, i, heap[row][last]);
            siftUp(row, siftDown(row, i));
        }
    }

    /** Restores the order of a row after the distance to one of its columns changed. */
    void moved(int row, int column) {
        siftUp(row, siftDown(row, position[row][column]));
    }

    private int siftDown(int row, int i) {
        int[] h = heap[row];
        int column = h[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= length[row]) {
                break;
            }
            if (child + 1 < length[row] && before(row, h[child + 1], h[child])) {
                child++;
            }
            if (!before(row, h[child], column)) {
                break;
            }
            place(row, i, h[child]);
            i = child;
        }
        place(row, i, column);
        return i;
    }

    private void siftUp(int row, int i) {
        int[] h = heap[row];
        int column = h[i];
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!before(row, column, h[parent])) {
                break;
            }
            place(row, i, h[parent]);
            i = parent;
        }
        place(row, i, column);
    }

    private void place(int row, int i, int column) {
        heap[row][i] = column;
        position[row][column] = i;
    }

    private boolean before(int row, int x, int y) {
        double dx = distances[row][x];
        double dy = distances[row][y];
        return dx < dy || (dx == dy && x < y);
    }
}
