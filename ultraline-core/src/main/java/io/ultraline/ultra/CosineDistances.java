package io.ultraline.ultra;

/**
 * Cosine distance {@code 1 - cos(a, b)} between explanation maps, computed in double precision.
 *
 * <p>Conventions, chosen so that the matrix is a well-defined input to clustering:
 * <ul>
 *   <li>an all-zero map has no direction: its distance to any map with a non-zero entry is
 *       {@code 1} (as if orthogonal), and its distance to another all-zero map is {@code 0};</li>
 *   <li>results are clamped to {@code [0, 2]}, so rounding never yields a negative distance
 *       between two maps that point the same way (scipy clamps the same way);</li>
 *   <li>the diagonal is exactly {@code 0} and the matrix is exactly symmetric: each pair is
 *       computed once and mirrored.</li>
 * </ul>
 * Values must be finite; this class does not check it (the segmenter validates its input).
 */
public final class CosineDistances {

    private CosineDistances() {}

    /**
     * The full symmetric N x N distance matrix of a set of maps of equal length.
     *
     * @param maps the maps, one per row; rows may have any common length
     * @return {@code d[a][b] = distance(maps[a], maps[b])}
     * @throws IllegalArgumentException if rows differ in length
     */
    public static double[][] matrix(float[][] maps) {
        int n = maps.length;
        int len = n == 0 ? 0 : maps[0].length;
        double[][] rows = new double[n][];
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            if (maps[i].length != len) {
                throw new IllegalArgumentException(
                        "map " + i + " has " + maps[i].length + " entries but map 0 has " + len);
            }
            rows[i] = toDouble(maps[i]);
            norms[i] = Math.sqrt(dot(rows[i], rows[i]));
        }
        double[][] d = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double value = fromDot(dot(rows[a], rows[b]), norms[a], norms[b]);
                d[a][b] = value;
                d[b][a] = value;
            }
        }
        return d;
    }

    /**
     * The cosine distance between two maps, with the conventions of this class (a map and itself
     * may give a tiny positive value from rounding; {@link #matrix} sets its diagonal to 0).
     *
     * @throws IllegalArgumentException if the maps differ in length
     */
    public static double distance(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("maps differ in length: " + a.length + " and " + b.length);
        }
        double[] x = toDouble(a);
        double[] y = toDouble(b);
        return fromDot(dot(x, y), Math.sqrt(dot(x, x)), Math.sqrt(dot(y, y)));
    }

    private static double fromDot(double dot, double normA, double normB) {
        boolean zeroA = normA == 0.0;
        boolean zeroB = normB == 0.0;
        if (zeroA || zeroB) {
            return zeroA && zeroB ? 0.0 : 1.0;
        }
        double distance = 1.0 - dot / (normA * normB);
        return Math.min(2.0, Math.max(0.0, distance));
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0.0;
        for (int k = 0; k < x.length; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    private static double[] toDouble(float[] map) {
        double[] out = new double[map.length];
        for (int k = 0; k < map.length; k++) {
            out[k] = map[k];
        }
        return out;
    }
}
