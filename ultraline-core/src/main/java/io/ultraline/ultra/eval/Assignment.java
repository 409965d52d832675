package io.ultraline.ultra.eval;

import java.util.Arrays;

/**
 * The linear assignment problem: given a {@code rows x cols} gain matrix, the one-to-one matching
 * of rows to columns with the largest total gain (every row matched when {@code rows <= cols},
 * every column otherwise). Solved by the Hungarian method with row and column potentials on the
 * square, zero-padded cost matrix, in O(n^3) for n = max(rows, cols); small enough for the few
 * concepts and parts of a frame, and exact, unlike a greedy matching.
 */
public final class Assignment {

    private Assignment() {}

    /**
     * The best matching.
     *
     * @param gain {@code gain[r][c]}, finite, every row the same length
     * @return for each row, its column, or -1 when the row stays unmatched (more rows than columns)
     */
    public static int[] maximise(double[][] gain) {
        int rows = gain.length;
        int cols = rows == 0 ? 0 : gain[0].length;
        for (double[] row : gain) {
            if (row.length != cols) {
                throw new IllegalArgumentException("gain matrix rows differ in length");
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("gains must be finite, got " + v);
                }
            }
        }
        int[] result = new int[rows];
        Arrays.fill(result, -1);
        int n = Math.max(rows, cols);
        if (n == 0) {
            return result;
        }
        double max = 0;
        for (double[] row : gain) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        // Costs are non-negative (max - gain); padded cells cost max, i.e. gain 0.
        double[][] cost = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                cost[r][c] = max - (r < rows && c < cols ? gain[r][c] : 0);
            }
        }
        int[] columnOfRow = solveMinimum(cost);
        for (int r = 0; r < rows; r++) {
            result[r] = columnOfRow[r] < cols ? columnOfRow[r] : -1;
        }
        return result;
    }

    /**
     * Minimum-cost perfect matching of a square matrix by shortest augmenting paths with
     * potentials: each row in turn joins the matching along a path of zero reduced cost.
     */
    static int[] solveMinimum(double[][] cost) {
        int n = cost.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfColumn = new int[n + 1]; // 1-based rows; column 0 is the virtual start
        int[] way = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int col0 = 0;
            double[] minv = new double[n + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[col0] = true;
                int r0 = rowOfColumn[col0];
                double delta = Double.POSITIVE_INFINITY;
                int col1 = 0;
                for (int c = 1; c <= n; c++) {
                    if (!used[c]) {
                        double reduced = cost[r0 - 1][c - 1] - u[r0] - v[c];
                        if (reduced < minv[c]) {
                            minv[c] = reduced;
                            way[c] = col0;
                        }
                        if (minv[c] < delta) {
                            delta = minv[c];
                            col1 = c;
                        }
                    }
                }
                for (int c = 0; c <= n; c++) {
                    if (used[c]) {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minv[c] -= delta;
                    }
                }
                col0 = col1;
            } while (rowOfColumn[col0] != 0);
            do {
                int col1 = way[col0];
                rowOfColumn[col0] = rowOfColumn[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        int[] columnOfRow = new int[n];
        for (int c = 1; c <= n; c++) {
            columnOfRow[rowOfColumn[c] - 1] = c - 1;
        }
        return columnOfRow;
    }
}
