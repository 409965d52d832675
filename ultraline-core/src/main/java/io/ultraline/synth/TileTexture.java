package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Glazed ceramic tiles: a square grid with grout joints, a slight bevel at each tile edge, small
 * tile-to-tile tone differences, glaze speckle and a printed decor motif repeated on every tile
 * (diamond, ring, or quarter arcs that join into circles across four tiles).
 */
final class TileTexture implements SurfaceTexture {

    private static final Rgb[] ACCENTS = {
        new Rgb(0.16f, 0.28f, 0.58f),
        new Rgb(0.62f, 0.27f, 0.16f),
        new Rgb(0.15f, 0.38f, 0.28f),
        new Rgb(0.12f, 0.12f, 0.14f)
    };

    @Override
    public void render(float[] rgb, int size, SplittableRandom r, SceneParams p) {
        double tile = 28 + 8 * r.nextDouble();
        double grout = 1.8 + 0.8 * r.nextDouble();
        double ox = tile * r.nextDouble();
        double oy = tile * r.nextDouble();
        Rgb joint = r.nextBoolean() ? new Rgb(0.32f, 0.3f, 0.29f) : new Rgb(0.8f, 0.79f, 0.76f);
        Rgb accent = ACCENTS[r.nextInt(ACCENTS.length)];
        int motif = r.nextInt(3);
        long tone = r.nextLong();
        long speckle = r.nextLong();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = p.unit(x) + ox;
                double v = p.unit(y) + oy;
                int i = (int) Math.floor(u / tile);
                int j = (int) Math.floor(v / tile);
                double fu = u - i * tile;
                double fv = v - j * tile;
                double edge = Math.min(Math.min(fu, fv), Math.min(tile - fu, tile - fv)) - grout / 2;
                int pixel = y * size + x;
                double fleck = Noise.value(speckle, u * 1.3, v * 1.3);
                if (edge < 0) {
                    SurfaceTexture.put(rgb, pixel, joint, 1 + 0.06 * fleck);
                    continue;
                }
                double f = 1 + 0.08 * (Noise.cell(tone, i, j) - 0.5) + 0.02 * fleck;
                if (edge < 1.5) {
                    boolean lit = Math.min(fu, fv) < Math.min(tile - fu, tile - fv);
                    f += (lit ? 0.07 : -0.1) * (1 - edge / 1.5);
                }
                double ink = coverage(motif(motif, fu - tile / 2, fv - tile / 2, tile), p.unitPx());
                Rgb c = p.base().mix(accent, 0.9 * ink);
                SurfaceTexture.put(rgb, pixel, c, f);
            }
        }
    }

    /** Signed distance (units, negative inside the ink) of the decor motif at tile-centred (cu, cv). */
    private static double motif(int kind, double cu, double cv, double tile) {
        switch (kind) {
            case 0: {
                double d = Math.abs(cu) + Math.abs(cv);
                return Math.min(Math.abs(d - tile * 0.3) - 1.3, d - tile * 0.07);
            }
            case 1:
                return Math.abs(Math.sqrt(cu * cu + cv * cv) - tile * 0.27) - 1.4;
            default: {
                double ax = tile / 2 - Math.abs(cu);
                double ay = tile / 2 - Math.abs(cv);
                return Math.abs(Math.sqrt(ax * ax + ay * ay) - tile * 0.36) - 1.6;
            }
        }
    }

    private static double coverage(double signedDistance, double unitPx) {
        double c = 0.5 - signedDistance * unitPx;
        return c < 0 ? 0 : c > 1 ? 1 : c;
    }
}
