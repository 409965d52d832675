package io.ultraline.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Picks defect colours that stand out against the surface they land on. */
final class Inks {

    private Inks() {}

    /** A random candidate whose luma differs from {@code background}'s by at least {@code minDiff}, else the most different. */
    static Rgb contrasting(SplittableRandom r, Rgb background, double minDiff, Rgb... candidates) {
        List<Rgb> ok = new ArrayList<>();
        Rgb best = candidates[0];
        for (Rgb c : candidates) {
            double d = Math.abs(c.luma() - background.luma());
            if (d >= minDiff) {
                ok.add(c);
            }
            if (d > Math.abs(best.luma() - background.luma())) {
                best = c;
            }
        }
        return ok.isEmpty() ? best : ok.get(r.nextInt(ok.size()));
    }

    /** A random candidate among the two farthest (in RGB) from {@code background}. */
    static Rgb farthest(SplittableRandom r, Rgb background, Rgb... candidates) {
        Rgb[] sorted = candidates.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(c -> -distance(c, background)));
        return sorted[r.nextInt(Math.min(2, sorted.length))];
    }

    private static double distance(Rgb a, Rgb b) {
        double dr = a.r() - b.r(), dg = a.g() - b.g(), db = a.b() - b.b();
        return dr * dr + dg * dg + db * db;
    }
}
