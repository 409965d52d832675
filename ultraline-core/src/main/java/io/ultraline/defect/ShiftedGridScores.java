package io.ultraline.defect;

/**
 * Token scores of one frame seen through {@code k x k} shifted token grids, combined on the fine
 * grid they induce. Shift {@code (sx, sy)} (0..k-1 each) moved the frame by {@code sx, sy} fine
 * cells (a {@code patch / k} pixel step) before the model ran, so its token {@code (i, j)} covers
 * fine cells {@code (i*k - sy .. i*k - sy + k-1, j*k - sx .. j*k - sx + k-1)}.
 *
 * <p>Two combinations, for two uses. The mean over the shifted tokens covering a fine cell is a
 * sharper, less noisy score map (for pixel maps). The maximum keeps the frame score equal to the
 * highest score of any shifted token, which is the rule the profile's threshold was calibrated with
 * (the calibration frame's score is the maximum over all its tokens, of all shifts). With k = 1
 * everything equals the plain token scores.
 *
 * @param k          shifts per axis
 * @param coarse     per model token cell (gridH x gridW): the plain view's score, except that the
 *                   cell under the highest shifted token takes the frame score
 * @param fineMean   (gridH*k) x (gridW*k) mean scores
 * @param frameScore the highest shifted-token score
 */
public record ShiftedGridScores(int k, float[] coarse, float[] fineMean, float frameScore) {

    /**
     * @param distances {@code k*k} grids of {@code gridH * gridW} scores, shift-major with shift
     *                  index {@code sy * k + sx}
     */
    public static ShiftedGridScores of(float[] distances, int gridH, int gridW, int k) {
        int n = gridH * gridW;
        if (k < 1 || distances.length != n * k * k) {
            throw new IllegalArgumentException(
                    "expected " + k + " x " + k + " grids of " + n + " scores, got " + distances.length);
        }
        int fh = gridH * k;
        int fw = gridW * k;
        float[] sum = new float[fh * fw];
        float[] max = new float[fh * fw];
        int[] count = new int[fh * fw];
        float frame = 0;
        for (int s = 0; s < k * k; s++) {
            int sx = s % k;
            int sy = s / k;
            for (int i = 0; i < gridH; i++) {
                for (int j = 0; j < gridW; j++) {
                    float v = distances[s * n + i * gridW + j];
                    frame = Math.max(frame, v);
                    for (int dy = 0; dy < k; dy++) {
                        int y = i * k - sy + dy;
                        for (int dx = 0; dx < k; dx++) {
                            int x = j * k - sx + dx;
                            if (y >= 0 && x >= 0 && y < fh && x < fw) {
                                int c = y * fw + x;
                                sum[c] += v;
                                max[c] = Math.max(max[c], v);
                                count[c]++;
                            }
                        }
                    }
                }
            }
        }
        int peak = 0;
        for (int c = 0; c < fh * fw; c++) {
            sum[c] /= Math.max(1, count[c]);
            if (max[c] > max[peak] || (max[c] == max[peak] && sum[c] > sum[peak])) {
                peak = c;
            }
        }
        // Regions grow on the plain view's scores: max-pooling the shifted tokens instead spread a
        // straddling token over four cells and halved region IoU on some surfaces. The cell under
        // the highest shifted token (ties: higher mean) carries the frame score, so a flagged frame
        // always has a region seed.
        float[] coarse = java.util.Arrays.copyOf(distances, n);
        int cell = (peak / fw / k) * gridW + (peak % fw) / k;
        coarse[cell] = Math.max(coarse[cell], frame);
        return new ShiftedGridScores(k, coarse, sum, frame);
    }
}
