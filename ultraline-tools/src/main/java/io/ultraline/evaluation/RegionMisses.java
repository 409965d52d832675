package io.ultraline.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why true regions miss, by defect type: a frame with no region at all (a detection miss), regions
 * in the frame but none touching the true one (the region is elsewhere), and for the rest how the
 * best-matching region's pixels sit against the truth: the share of the truth it covers, the share
 * of it that is truth, its size over the truth's (geometric mean), how often it also covers another
 * true region of the frame (merged) and how often two regions each cover a tenth of the truth
 * (split). Region IoU alone cannot tell a mask that is too big from one in the wrong place.
 */
final class RegionMisses {

    /** A region that covers this share of a true region counts as one of its pieces. */
    private static final double PIECE = 0.1;

    private final Map<String, double[]> byType = new TreeMap<>();

    /** One frame: its predicted regions, its true regions and their types (same order). */
    void add(List<boolean[]> predicted, List<boolean[]> truths, List<String> types) {
        for (int i = 0; i < truths.size(); i++) {
            boolean[] truth = truths.get(i);
            double[] t = byType.computeIfAbsent(types.get(i), k -> new double[9]);
            t[0]++;
            if (predicted.isEmpty()) {
                t[1]++;
                continue;
            }
            int truthArea = count(truth);
            int best = -1;
            double bestIou = 0;
            int pieces = 0;
            for (int j = 0; j < predicted.size(); j++) {
                int inter = overlap(truth, predicted.get(j));
                double iou = (double) inter / (truthArea + count(predicted.get(j)) - inter);
                if (iou > bestIou) {
                    bestIou = iou;
                    best = j;
                }
                pieces += inter >= PIECE * truthArea ? 1 : 0;
            }
            if (best < 0) {
                t[2]++;
                continue;
            }
            boolean[] p = predicted.get(best);
            int area = count(p);
            int inter = overlap(truth, p);
            t[3]++;
            t[4] += (double) inter / truthArea;
            t[5] += (double) inter / area;
            t[6] += Math.log((double) area / truthArea);
            for (int k = 0; k < truths.size(); k++) {
                if (k != i && overlap(truths.get(k), p) > 0) {
                    t[7]++;
                    break;
                }
            }
            t[8] += pieces > 1 ? 1 : 0;
        }
    }

    /** Per type: true regions, frame_missed, elsewhere, then over the touched ones the figures above. */
    Map<String, Map<String, Object>> byType() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        byType.forEach((type, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            double touched = Math.max(1, t[3]);
            m.put("true_regions", (int) t[0]);
            m.put("frame_missed", (int) t[1]);
            m.put("elsewhere", (int) t[2]);
            m.put("truth_covered", round(t[4] / touched));
            m.put("pixel_precision", round(t[5] / touched));
            m.put("area_ratio", round(Math.exp(t[6] / touched)));
            m.put("merged", (int) t[7]);
            m.put("split", (int) t[8]);
            out.put(type, m);
        });
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static int count(boolean[] m) {
        int n = 0;
        for (boolean b : m) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static int overlap(boolean[] a, boolean[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] && b[i] ? 1 : 0;
        }
        return n;
    }
}
