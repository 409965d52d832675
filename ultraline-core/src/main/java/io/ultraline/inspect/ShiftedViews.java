package io.ultraline.inspect;

/**
 * The model inputs of one frame under {@code k x k} sub-patch shifts: view {@code sy * k + sx}
 * moves the content right by {@code sx * patch / k} and down by {@code sy * patch / k} pixels,
 * mirroring the frame at its top and left edges, so its token grid sits between the plain grid's
 * tokens (see {@code ShiftedGridScores}). View 0 is the frame itself.
 */
final class ShiftedViews {

    private ShiftedViews() {}

    /**
     * Writes views {@code firstView .. k*k - 1} of {@code pixels} (side {@code size}, RGB), one after
     * the other, into {@code out} from {@code offset}.
     */
    static void write(
            float[] pixels, int pixelsOffset, int size, int patch, int k, int firstView, float[] out, int offset) {
        int step = patch / k;
        int per = size * size * 3;
        for (int s = firstView; s < k * k; s++) {
            int dx = (s % k) * step;
            int dy = (s / k) * step;
            int base = offset + (s - firstView) * per;
            for (int y = 0; y < size; y++) {
                int sy = y - dy < 0 ? dy - y - 1 : y - dy;
                for (int x = 0; x < size; x++) {
                    int sx = x - dx < 0 ? dx - x - 1 : x - dx;
                    System.arraycopy(pixels, pixelsOffset + (sy * size + sx) * 3, out, base + (y * size + x) * 3, 3);
                }
            }
        }
    }
}
