package io.ultraline.ultra;

/** Input checks for a distance matrix, with messages that name the offending entry. */
final class DistanceMatrixCheck {

    private DistanceMatrixCheck() {}

    static void requireValid(double[][] d) {
        if (d == null || d.length == 0) {
            throw new IllegalArgumentException("the distance matrix must have at least one row");
        }
        int n = d.length;
        for (int i = 0; i < n; i++) {
            if (d[i] == null || d[i].length != n) {
                throw new IllegalArgumentException("distance row " + i + " has "
                        + (d[i] == null ? "no entries (null)" : d[i].length + " entries")
                        + ", expected " + n + " (the matrix must be square)");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                requireFinite(d, i, j);
                requireFinite(d, j, i);
                if (d[i][j] != d[j][i]) {
                    throw new IllegalArgumentException("the distance matrix is not symmetric: ["
                            + i + "][" + j + "] = " + d[i][j] + " but [" + j + "][" + i + "] = "
                            + d[j][i]);
                }
            }
        }
    }

    private static void requireFinite(double[][] d, int i, int j) {
        if (!Double.isFinite(d[i][j])) {
            throw new IllegalArgumentException("distance [" + i + "][" + j + "] is not finite: " + d[i][j]);
        }
    }
}
