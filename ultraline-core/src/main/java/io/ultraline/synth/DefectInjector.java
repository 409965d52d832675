package io.ultraline.synth;

import java.util.SplittableRandom;

/**
 * Applies a painter and derives the defect's mask by the rule in {@link DefectPainter}. A draw that
 * turns out invisible (a dark stain on a dark spot) or too large is discarded and drawn again from
 * the same stream, so every injected defect is visible and bounded, and still deterministic.
 */
final class DefectInjector {

    static final int ATTEMPTS = 16;
    /** Mask area bounds as fractions of the frame. */
    static final double MIN_AREA = 0.0006, MAX_AREA = 0.12;

    private DefectInjector() {}

    /** The defect and its own mask. */
    record Injected(Defect defect, boolean[] mask) {}

    static Injected inject(FloatImage frame, DefectType type, SplittableRandom r, MaterialFamily family) {
        int total = frame.size() * frame.size();
        int min = Math.max(6, (int) Math.ceil(MIN_AREA * total));
        int max = (int) (MAX_AREA * total);
        DefectPainter painter = type.painter();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FloatImage work = frame.copy();
            painter.paint(work, r, family);
            boolean[] mask = new boolean[total];
            int area = 0;
            float[] diff = frame.maxAbsDiff(work);
            for (int i = 0; i < total; i++) {
                if (diff[i] >= DefectPainter.MASK_THRESHOLD) {
                    mask[i] = true;
                    area++;
                }
            }
            if (area >= min && area <= max) {
                System.arraycopy(work.data(), 0, frame.data(), 0, work.data().length);
                return new Injected(new Defect(type, Box.around(mask, frame.size()), area), mask);
            }
        }
        throw new IllegalStateException("no visible " + type + " of " + min + ".." + max + " pixels after " + ATTEMPTS
                + " attempts on " + family);
    }
}
