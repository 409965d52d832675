package io.ultraline.model.train;

import java.util.SplittableRandom;

/**
 * The shape of one paste: a bounding box and which of its pixels the paste covers. Rectangles,
 * thin scars at any angle and discs (ellipses), the outlines of the defects the shipped model
 * misses most (holes are discs, scratches are scars, misprints and dents are blobs and boxes).
 */
record PasteFootprint(Shape shape, int width, int height, boolean[] covered) {

    enum Shape {
        RECTANGLE,
        SCAR,
        DISC
    }

    PasteFootprint {
        if (covered.length != width * height) {
            throw new IllegalArgumentException(
                    "footprint needs one flag per pixel of its " + width + "x" + height + " box");
        }
    }

    boolean covers(int x, int y) {
        return covered[y * width + x];
    }

    static PasteFootprint draw(Shape shape, SplittableRandom random) {
        return switch (shape) {
            case RECTANGLE -> rectangle(4 + random.nextInt(37), 4 + random.nextInt(37));
            case SCAR -> scar(12 + random.nextInt(52), 1 + random.nextInt(4), Math.PI * random.nextDouble());
            case DISC -> disc(3 + random.nextInt(12), 3 + random.nextInt(12));
        };
    }

    static PasteFootprint rectangle(int w, int h) {
        boolean[] c = new boolean[w * h];
        java.util.Arrays.fill(c, true);
        return new PasteFootprint(Shape.RECTANGLE, w, h, c);
    }

    /** A segment of the given length and thickness through the box's centre. */
    static PasteFootprint scar(int length, int thickness, double angle) {
        double ux = Math.cos(angle);
        double uy = Math.sin(angle);
        int w = (int) Math.ceil(Math.abs(length * ux)) + thickness + 1;
        int h = (int) Math.ceil(Math.abs(length * uy)) + thickness + 1;
        double cx = w / 2.0;
        double cy = h / 2.0;
        boolean[] c = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = x + 0.5 - cx;
                double py = y + 0.5 - cy;
                double along = Math.max(-length / 2.0, Math.min(length / 2.0, px * ux + py * uy));
                double dist = Math.hypot(px - along * ux, py - along * uy);
                c[y * w + x] = dist <= thickness / 2.0 + 0.25;
            }
        }
        return new PasteFootprint(Shape.SCAR, w, h, c);
    }

    static PasteFootprint disc(int rx, int ry) {
        int w = 2 * rx + 1;
        int h = 2 * ry + 1;
        boolean[] c = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double nx = (x - rx) / (double) rx;
                double ny = (y - ry) / (double) ry;
                c[y * w + x] = nx * nx + ny * ny <= 1;
            }
        }
        return new PasteFootprint(Shape.DISC, w, h, c);
    }
}
