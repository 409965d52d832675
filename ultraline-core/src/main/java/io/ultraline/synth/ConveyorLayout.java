package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * A conveyor belt (material 0, always present) carrying 1 to 3 parts, each of another material:
 * rotated boxes and ellipses a quarter to a half of the frame across, laid in drawn order (a later
 * part may cover an earlier one). Every part stays visible over at least {@value #MIN_SHARE} of the
 * frame and so does the belt.
 */
final class ConveyorLayout implements SceneLayout {

    static final double MIN_SHARE = 0.05;

    @Override
    public int[] parts(SplittableRandom r, int size, int materials) {
        int k = SceneLayout.partCount(r, materials);
        int[] carried = SceneLayout.distinct(r, k - 1, 1, materials);
        int[] ids = new int[k];
        System.arraycopy(carried, 0, ids, 1, k - 1);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int[] parts = new int[size * size]; // all belt
            for (int id : carried) {
                place(parts, size, id, r);
            }
            if (SceneLayout.everyPartCovers(parts, ids, MIN_SHARE)) {
                return parts;
            }
        }
        throw new IllegalStateException("no conveyor scene of " + k + " parts after " + ATTEMPTS + " draws");
    }

    private static void place(int[] parts, int size, int id, SplittableRandom r) {
        double cx = size * (0.15 + 0.7 * r.nextDouble());
        double cy = size * (0.15 + 0.7 * r.nextDouble());
        double a = size * (0.12 + 0.13 * r.nextDouble());
        double b = size * (0.12 + 0.13 * r.nextDouble());
        double angle = Math.PI * r.nextDouble();
        boolean ellipse = r.nextBoolean();
        double cos = StrictMath.cos(angle);
        double sin = StrictMath.sin(angle);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double dx = x + 0.5 - cx;
                double dy = y + 0.5 - cy;
                double u = (cos * dx + sin * dy) / a;
                double v = (-sin * dx + cos * dy) / b;
                if (ellipse ? u * u + v * v <= 1 : Math.abs(u) <= 1 && Math.abs(v) <= 1) {
                    parts[y * size + x] = id;
                }
            }
        }
    }
}
