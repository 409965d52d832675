package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Tiles with grout: grout (material 0, always present) between square tiles of 1 to 3 other
 * materials, each tile one of them at random, in rows that may be laid in a running bond (every
 * other row shifted half a tile). Every part covers at least {@value #MIN_SHARE} of the frame.
 */
final class TileLayout implements SceneLayout {

    static final double MIN_SHARE = 0.05;
    /** Grout width as a share of the tile pitch: wide enough to be a part a 16-pixel patch can see. */
    static final double GROUT = 0.22;

    @Override
    public int[] parts(SplittableRandom r, int size, int materials) {
        int k = SceneLayout.partCount(r, materials);
        int[] tiles = SceneLayout.distinct(r, k - 1, 1, materials);
        int[] ids = new int[k];
        System.arraycopy(tiles, 0, ids, 1, k - 1);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double pitch = size / (2.2 + 1.6 * r.nextDouble());
            double grout = GROUT * pitch;
            double ox = pitch * r.nextDouble();
            double oy = pitch * r.nextDouble();
            boolean bond = r.nextBoolean();
            int cells = (int) Math.ceil(size / pitch) + 2;
            int[][] material = new int[cells][cells];
            for (int[] row : material) {
                for (int c = 0; c < cells; c++) {
                    row[c] = tiles[r.nextInt(tiles.length)];
                }
            }
            int[] parts = new int[size * size];
            for (int y = 0; y < size; y++) {
                double v = (y + 0.5 + oy) / pitch;
                int row = (int) Math.floor(v);
                double shift = bond && (row & 1) == 1 ? 0.5 : 0;
                for (int x = 0; x < size; x++) {
                    double u = (x + 0.5 + ox) / pitch + shift;
                    int col = (int) Math.floor(u);
                    boolean inGrout = (u - col) * pitch < grout || (v - row) * pitch < grout;
                    parts[y * size + x] = inGrout ? 0 : material[row][col];
                }
            }
            if (SceneLayout.everyPartCovers(parts, ids, MIN_SHARE)) {
                return parts;
            }
        }
        throw new IllegalStateException("no tiling of " + k + " parts after " + ATTEMPTS + " draws");
    }
}
