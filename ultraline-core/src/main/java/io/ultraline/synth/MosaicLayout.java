package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * A mosaic of 2 to 4 materials: a Voronoi partition of a few random sites, measured in coordinates
 * warped by fractal noise so the boundaries wander instead of running straight. Every part covers
 * at least {@value #MIN_SHARE} of the frame.
 */
final class MosaicLayout implements SceneLayout {

    static final double MIN_SHARE = 0.08;
    /** Boundary wander, as a share of the frame side, and the wander's feature size. */
    private static final double WARP = 0.12, WARP_SCALE = 0.35;

    @Override
    public int[] parts(SplittableRandom r, int size, int materials) {
        int k = SceneLayout.partCount(r, materials);
        int[] ids = SceneLayout.distinct(r, k, 0, materials);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double[] sx = new double[k];
            double[] sy = new double[k];
            for (int i = 0; i < k; i++) {
                sx[i] = size * (0.1 + 0.8 * r.nextDouble());
                sy[i] = size * (0.1 + 0.8 * r.nextDouble());
            }
            long warpSeed = r.nextLong();
            int[] parts = new int[size * size];
            double unit = WARP_SCALE * size;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double wx = x + WARP * size * Noise.fbm(warpSeed, x / unit, y / unit, 3);
                    double wy = y + WARP * size * Noise.fbm(warpSeed ^ 0x5EEDL, x / unit, y / unit, 3);
                    int nearest = 0;
                    double best = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < k; i++) {
                        double d = (wx - sx[i]) * (wx - sx[i]) + (wy - sy[i]) * (wy - sy[i]);
                        if (d < best) {
                            best = d;
                            nearest = i;
                        }
                    }
                    parts[y * size + x] = ids[nearest];
                }
            }
            if (SceneLayout.everyPartCovers(parts, ids, MIN_SHARE)) {
                return parts;
            }
        }
        throw new IllegalStateException("no mosaic of " + k + " parts after " + ATTEMPTS + " draws");
    }
}
