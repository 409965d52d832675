package io.ultraline.model;

/** The ULTra rule of docs/design.md section 1 in plain Java over the full S x S matrix R, for checking graphs. */
public final class ReferenceRule {

    private ReferenceRule() {}

    /**
     * @param attention per block [H][S][S]
     * @param gradient  per block d f / d A, [H][S][S]
     * @return row {@code token} of R without the CLS column (length S - offset)
     */
    public static double[] row(double[][][][] attention, double[][][][] gradient, int token, int offset) {
        int s = attention[0][0].length;
        double[][] r = new double[s][s];
        for (int i = 0; i < s; i++) {
            r[i][i] = 1;
        }
        for (int b = 0; b < attention.length; b++) {
            int heads = attention[b].length;
            double[][] abar = new double[s][s];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < s; i++) {
                    for (int j = 0; j < s; j++) {
                        abar[i][j] += Math.max(0, gradient[b][h][i][j] * attention[b][h][i][j]) / heads;
                    }
                }
            }
            double[][] next = new double[s][s];
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    double acc = r[i][j];
                    for (int k = 0; k < s; k++) {
                        acc += abar[i][k] * r[k][j];
                    }
                    next[i][j] = acc;
                }
            }
            r = next;
        }
        double[] out = new double[s - offset];
        System.arraycopy(r[token], offset, out, 0, out.length);
        return out;
    }

    /** Relative L2 error of a against b, two float results (b widened to double). */
    public static double relError(float[] a, float[] b) {
        double[] wide = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            wide[i] = b[i];
        }
        return relError(a, 0, wide);
    }

    /** Relative L2 error of a against b. */
    public static double relError(float[] a, int from, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            double d = a[from + i] - b[i];
            num += d * d;
            den += b[i] * b[i];
        }
        return Math.sqrt(num / Math.max(den, 1e-300));
    }
}
