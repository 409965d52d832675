package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Terrazzo: stone chips of a few colours and many sizes set in a fine cement matrix, ground flat.
 * A cellular aggregate, unlike any texture the default model trains on: each jittered lattice cell
 * holds one chip, a convex blob whose edge follows the distance to the cell's neighbours (as in a
 * Voronoi diagram, shrunk so that matrix shows between chips), and the matrix carries fine sand.
 */
final class TerrazzoTexture implements SurfaceTexture {

    /** Chip colours as factors of the base colour: light marble, dark stone, a warm and a grey chip. */
    private static final double[][] CHIPS = {
        {1.35, 1.35, 1.32}, {0.45, 0.44, 0.46}, {1.15, 0.92, 0.72}, {0.78, 0.80, 0.84}
    };

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        long sites = r.nextLong();
        long kinds = r.nextLong();
        long sand = r.nextLong();
        double cellUnits = 9 + 5 * r.nextDouble();
        double gap = 0.12 + 0.1 * r.nextDouble();
        Rgb matrix = p.base();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = p.unit(x) / cellUnits;
                double v = p.unit(y) / cellUnits;
                int cx = (int) Math.floor(u);
                int cy = (int) Math.floor(v);
                double nearest = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                int ownerX = 0;
                int ownerY = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int gx = cx + dx;
                        int gy = cy + dy;
                        double sx = gx + Noise.cell(sites, gx, gy);
                        double sy = gy + Noise.cell(sites + 1, gx, gy);
                        double d = Math.hypot(u - sx, v - sy);
                        if (d < nearest) {
                            second = nearest;
                            nearest = d;
                            ownerX = gx;
                            ownerY = gy;
                        } else if (d < second) {
                            second = d;
                        }
                    }
                }
                // (second - nearest) is twice the distance to the cell edge: chips end a gap short of it
                double edge = (second - nearest) / 2;
                double grain = Noise.value(sand, p.unit(x) * 0.9, p.unit(y) * 0.9);
                int pixel = y * size + x;
                if (edge > gap && Noise.cell(kinds + 7, ownerX, ownerY) < 0.85) {
                    double[] k = CHIPS[(int) (Noise.cell(kinds, ownerX, ownerY) * CHIPS.length)];
                    double shade = 0.92 + 0.16 * Noise.cell(kinds + 3, ownerX, ownerY) + 0.04 * grain;
                    SurfaceTexture.put(
                            rgb,
                            pixel,
                            matrix.r() * k[0] * shade,
                            matrix.g() * k[1] * shade,
                            matrix.b() * k[2] * shade);
                } else {
                    SurfaceTexture.put(rgb, pixel, matrix, 1 + 0.08 * grain);
                }
            }
        }
    }
}
